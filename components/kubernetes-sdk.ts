/**
 * The parts of `@pulumi/kubernetes` inferstack uses, each from its own module, under the names the
 * package gives them (`k8s.core.v1.Service`). The package's index loads every API group and version
 * index, and `helm.v3`'s index loads the Chart and YAML support with them; the modules below cost a
 * fifth of that (10 ms against 45 ms on the bench machine). Components import Kubernetes from here; a
 * kind not listed here is added here.
 */
/* eslint-disable @typescript-eslint/no-namespace -- nested like the package's own namespaces */
import * as appsV1 from "@pulumi/kubernetes/apps/v1";
import * as autoscalingV2 from "@pulumi/kubernetes/autoscaling/v2";
import * as coreV1 from "@pulumi/kubernetes/core/v1";
import * as helmV3Release from "@pulumi/kubernetes/helm/v3/release";
import * as networkingV1 from "@pulumi/kubernetes/networking/v1";
import * as policyV1 from "@pulumi/kubernetes/policy/v1";
import * as rbacV1 from "@pulumi/kubernetes/rbac/v1";
import * as schedulingV1 from "@pulumi/kubernetes/scheduling/v1";
import * as storageV1 from "@pulumi/kubernetes/storage/v1";

export * as apiextensions from "@pulumi/kubernetes/apiextensions";
export { Provider } from "@pulumi/kubernetes/provider";

export namespace apps {
  export import v1 = appsV1;
}
export namespace autoscaling {
  export import v2 = autoscalingV2;
}
export namespace core {
  export import v1 = coreV1;
}
export namespace helm {
  export namespace v3 {
    export import Release = helmV3Release.Release;
  }
}
export namespace networking {
  export import v1 = networkingV1;
}
export namespace policy {
  export import v1 = policyV1;
}
export namespace rbac {
  export import v1 = rbacV1;
}
export namespace scheduling {
  export import v1 = schedulingV1;
}
export namespace storage {
  export import v1 = storageV1;
}
