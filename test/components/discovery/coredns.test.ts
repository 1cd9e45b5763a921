import {
  eksCoreDnsConfigurationValues,
  renderConsulServerBlock,
  renderCoreDnsPatch,
  renderCorefile,
} from "../../../components/discovery/coredns";
import { validateKubernetesObject } from "../../../components/validate/kubernetes";
import { shippedPlatform } from "../../helpers/input";

const PROD = shippedPlatform("prod").discovery!;

const CLUSTER_BLOCK = `.:53 {
    errors
    health {
        lameduck 5s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
        pods insecure
        fallthrough in-addr.arpa ip6.arpa
    }
    prometheus :9153
    forward . /etc/resolv.conf
    cache 30
    loop
    reload
    loadbalance
}
`;

const CONSUL_BLOCK = `consul:53 {
    errors
    cache 5
    forward . 10.100.0.53
}
`;

describe("the CoreDNS configuration for the consul domain", () => {
  it("forwards consul to the pinned Consul DNS ClusterIP, caching 5 s", () => {
    expect(renderConsulServerBlock(PROD)).toBe(CONSUL_BLOCK);
  });

  it("follows the settings: another address and a longer cache", () => {
    expect(renderConsulServerBlock({ dns: { ...PROD.dns, clusterIP: "172.20.0.60", coreDnsCacheSeconds: 30 } })).toBe(
      "consul:53 {\n    errors\n    cache 30\n    forward . 172.20.0.60\n}\n",
    );
  });

  it("is the whole Corefile: the cluster's own block, then the consul block", () => {
    expect(renderCorefile(PROD)).toBe(`${CLUSTER_BLOCK}${CONSUL_BLOCK}`);
  });

  it("has balanced braces and one block per zone", () => {
    const text = renderCorefile(PROD);
    expect([...text].filter((c) => c === "{").length).toBe([...text].filter((c) => c === "}").length);
    expect(text.split("\n").filter((line) => /^\S.*\{$/.test(line))).toEqual([".:53 {", "consul:53 {"]);
  });

  it("gives the EKS add-on the whole Corefile in its `corefile` configuration value", () => {
    const values = eksCoreDnsConfigurationValues(PROD);
    expect(values).toEqual({ corefile: `${CLUSTER_BLOCK}${CONSUL_BLOCK}` });
    expect(JSON.parse(JSON.stringify(values))).toEqual(values);
  });

  it("patches the Corefile key of kube-system/coredns, forcing ownership of that key, and passes the ConfigMap schema", () => {
    const patch = renderCoreDnsPatch(PROD);
    expect(patch).toEqual({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "coredns", namespace: "kube-system", annotations: { "pulumi.com/patchForce": "true" } },
      data: { Corefile: `${CLUSTER_BLOCK}${CONSUL_BLOCK}` },
    });
    expect(validateKubernetesObject(patch)).toEqual([]);
  });
});
