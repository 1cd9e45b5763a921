/** Mutations of the compliant fixture's chart values and ECK resources, and of component acknowledgements. */
import { recorded } from "../fixtures/build";
import { type PolicyCase } from "./case";

const PROM = "values.prometheus.prometheusSpec";

export const HELM_CASES: readonly PolicyCase[] = [
  // Consul
  {
    policy: "inferstack-kubernetes-consul-require-acls",
    breaks: "ACLs left to the chart default",
    mutate: (s) => s.unset("consul", "values.global.acls"),
    expected: [
      "consul: lets anyone read and write the catalog without a token; got global.acls.manageSystemACLs unset (false). Set it to true.",
    ],
  },
  {
    policy: "inferstack-kubernetes-consul-require-tls",
    breaks: "TLS off in prod",
    mutate: (s) => s.set("consul", "values.global.tls.enabled", false),
    expected: [
      "consul: sends Consul traffic in plain text; got global.tls.enabled false. Set it to true.",
    ],
  },
  {
    policy: "inferstack-kubernetes-consul-require-tls",
    breaks: "TLS without auto-encrypt, verification or HTTPS only",
    mutate: (s) => s.set("consul", "values.global.tls", { enabled: true, verify: false, httpsOnly: false }),
    expected: [
      "consul: accepts connections without verifying certificates; got global.tls.verify false. Set it to true (the default).",
      "consul: keeps the plain HTTP API open; got global.tls.httpsOnly false. Set it to true (the default).",
      "consul: leaves clients without certificates; got global.tls.enableAutoEncrypt unset (false). Set it to true.",
    ],
  },
  {
    policy: "inferstack-kubernetes-consul-require-gossip-encryption",
    breaks: "plain gossip",
    mutate: (s) => s.unset("consul", "values.global.gossipEncryption"),
    expected: [
      "consul: gossips in plain text; got no global.gossipEncryption.autoGenerate or secretName/secretKey. Set autoGenerate: true.",
    ],
  },
  {
    policy: "inferstack-kubernetes-consul-require-server-quorum",
    breaks: "the chart's single server",
    mutate: (s) => s.unset("consul", "values.server.replicas"),
    expected: [
      "consul: cannot keep a quorum through a server loss; got server.replicas 1. Run 3 or 5 servers.",
    ],
  },
  {
    policy: "inferstack-kubernetes-consul-require-server-quorum",
    breaks: "an even server count with a different bootstrapExpect",
    mutate: (s) => s.set("consul", "values.server.replicas", 4).set("consul", "values.server.bootstrapExpect", 3),
    expected: [
      "consul: cannot keep a quorum through a server loss; got server.replicas 4. Run 3 or 5 servers.",
      "consul: waits for a different number of servers than it runs; got server.bootstrapExpect 3 for 4 replicas. Leave bootstrapExpect unset.",
    ],
  },
  {
    policy: "inferstack-kubernetes-consul-require-server-placement",
    breaks: "every placement safeguard removed",
    mutate: (s) =>
      s
        .set("consul", "values.server.affinity", "")
        .unset("consul", "values.server.topologySpreadConstraints")
        .set("consul", "values.server.disruptionBudget", { enabled: false })
        .unset("consul", "values.server.nodeSelector"),
    expected: [
      "consul: lets a drain evict several servers at once; got server.disruptionBudget.enabled false. Keep the chart's disruption budget.",
      "consul: lets two servers share a node; got a server.affinity without the required hostname anti-affinity. Keep the chart's default affinity.",
      "consul: may place every server in one zone; got no server.topologySpreadConstraints on topology.kubernetes.io/zone. Add one with maxSkew 1.",
      "consul: may schedule servers onto GPU or serving nodes; got server.nodeSelector unset. Select inferstack.io/node-pool: system.",
    ],
  },
  {
    policy: "inferstack-kubernetes-consul-require-snapshots",
    breaks: "no snapshot job",
    mutate: (s) => s.remove("consul-snapshot"),
    expected: [
      "consul: has no backup of its catalog and ACLs; got no snapshot agent and no CronJob running `consul snapshot save`. Add one.",
    ],
  },
  {
    policy: "inferstack-kubernetes-consul-forbid-public-ui",
    breaks: "a public UI service and an ingress",
    mutate: (s) => s.set("consul", "values.ui", { enabled: true, service: { type: "LoadBalancer" }, ingress: { enabled: true } }),
    expected: [
      "consul: exposes the Consul UI outside the cluster; got ui.service.type \"LoadBalancer\". Leave it ClusterIP.",
      "consul: publishes the Consul UI through an ingress; got ui.ingress.enabled true. Remove it, or acknowledge it with the SSO that protects it.",
    ],
  },
  {
    policy: "inferstack-kubernetes-consul-require-default-deny-intentions",
    breaks: "the mesh on without ACLs or a deny-all intention",
    mutate: (s) => s.set("consul", "values.global.acls.manageSystemACLs", false),
    expected: [
      "consul: lets every meshed service call every other; got connect injection on without ACLs or a \"*\" deny intention. Enable ACLs or add the deny-all ServiceIntentions.",
    ],
  },
  {
    policy: "inferstack-kubernetes-consul-require-default-deny-intentions",
    breaks: "nothing when a deny-all intention replaces ACLs",
    mutate: (s) =>
      s.set("consul", "values.global.acls.manageSystemACLs", false).add(
        recorded("kubernetes:consul.hashicorp.com/v1alpha1:ServiceIntentions", "deny-all", {
          apiVersion: "consul.hashicorp.com/v1alpha1",
          kind: "ServiceIntentions",
          metadata: { name: "deny-all", namespace: "consul" },
          spec: { destination: { name: "*" }, sources: [{ name: "*", action: "deny" }] },
        }),
      ),
    expected: [],
  },
  {
    policy: "inferstack-kubernetes-consul-require-encrypted-storage",
    breaks: "the default storage class and no size",
    mutate: (s) => s.unset("consul", "values.server.storageClass").unset("consul", "values.server.storage"),
    expected: [
      "consul: does not size its data volumes; got server.storage unset. Set it, e.g. \"10Gi\".",
      "consul: stores server data on the cluster's default class; got server.storageClass unset. Use \"inferstack-encrypted-gp3\".",
    ],
  },
  // kube-prometheus-stack
  {
    policy: "inferstack-kubernetes-prometheus-require-persistent-storage",
    breaks: "an emptyDir",
    mutate: (s) => s.unset("kube-prometheus-stack", `${PROM}.storageSpec`),
    expected: [
      "kube-prometheus-stack: loses every metric when Prometheus restarts; got no prometheus.prometheusSpec.storageSpec.volumeClaimTemplate (an emptyDir). Add a volume claim template.",
    ],
  },
  {
    policy: "inferstack-kubernetes-prometheus-require-persistent-storage",
    breaks: "a claim on another class without a size",
    mutate: (s) => s.set("kube-prometheus-stack", `${PROM}.storageSpec.volumeClaimTemplate.spec`, { storageClassName: "gp2", accessModes: ["ReadWriteOnce"] }),
    expected: [
      "kube-prometheus-stack: does not size its volume; got no resources.requests.storage in the claim template. Set it.",
      "kube-prometheus-stack: stores metrics outside the encrypted class; got storageClassName \"gp2\". Use \"inferstack-encrypted-gp3\".",
    ],
  },
  {
    policy: "inferstack-kubernetes-prometheus-require-bounded-retention",
    breaks: "no retention settings",
    mutate: (s) => s.unset("kube-prometheus-stack", `${PROM}.retention`).unset("kube-prometheus-stack", `${PROM}.retentionSize`),
    expected: [
      "kube-prometheus-stack: can fill its volume before old blocks are deleted; got retentionSize unset. Set it below the volume size (e.g. \"45GB\").",
      "kube-prometheus-stack: keeps metrics for the chart's default time; got retention unset. Set it explicitly.",
    ],
  },
  {
    policy: "inferstack-kubernetes-prometheus-require-bounded-retention",
    breaks: "a retention size larger than the volume",
    mutate: (s) => s.set("kube-prometheus-stack", `${PROM}.retentionSize`, "60GB"),
    expected: [
      "kube-prometheus-stack: can fill its volume before old blocks are deleted; got retentionSize \"60GB\" for a \"50Gi\" volume. Keep it about 10% below the volume.",
    ],
  },
  {
    policy: "inferstack-kubernetes-prometheus-require-bounded-retention",
    breaks: "a retention size in GiB larger than the volume",
    mutate: (s) => s.set("kube-prometheus-stack", `${PROM}.retentionSize`, "51GiB"),
    expected: [
      "kube-prometheus-stack: can fill its volume before old blocks are deleted; got retentionSize \"51GiB\" for a \"50Gi\" volume. Keep it about 10% below the volume.",
    ],
  },
  {
    policy: "inferstack-kubernetes-prometheus-require-high-availability",
    breaks: "one replica and no remote write",
    mutate: (s) => s.unset("kube-prometheus-stack", `${PROM}.replicas`),
    expected: [
      "kube-prometheus-stack: stops alerting when its one Prometheus restarts; got prometheus.prometheusSpec.replicas 1 and no remoteWrite. Run 2 replicas.",
    ],
  },
  {
    policy: "inferstack-kubernetes-alertmanager-require-high-availability",
    breaks: "the chart's single Alertmanager",
    mutate: (s) => s.set("kube-prometheus-stack", "values.alertmanager", {}),
    expected: [
      "kube-prometheus-stack: forgets silences and notification state on restart; got no alertmanager.alertmanagerSpec.storage.volumeClaimTemplate. Add one.",
      "kube-prometheus-stack: lets a drain evict every Alertmanager at once; got alertmanager.podDisruptionBudget.enabled unset. Set it to true.",
      "kube-prometheus-stack: loses notifications when an Alertmanager is down; got alertmanager.alertmanagerSpec.replicas 1. Run 3.",
    ],
  },
  {
    policy: "inferstack-kubernetes-grafana-require-admin-secret",
    breaks: "a literal admin password",
    mutate: (s) => s.set("kube-prometheus-stack", "values.grafana.adminPassword", "prom-operator").unset("kube-prometheus-stack", "values.grafana.admin"),
    expected: [
      "kube-prometheus-stack: lets the chart generate an admin password nobody manages; got no grafana.admin.existingSecret. Name a Secret holding admin-user and admin-password.",
      "kube-prometheus-stack: writes Grafana's admin password into the release values; got grafana.adminPassword set. Remove it and use grafana.admin.existingSecret.",
    ],
  },
  {
    policy: "inferstack-kubernetes-grafana-require-secure-access",
    breaks: "anonymous access, plain cookies and an ingress",
    mutate: (s) =>
      s
        .set("kube-prometheus-stack", "values.grafana.grafana\\.ini", { "auth.anonymous": { enabled: true }, security: { cookie_samesite: "none" } })
        .set("kube-prometheus-stack", "values.grafana.ingress", { enabled: true }),
    expected: [
      "kube-prometheus-stack: lets anyone view dashboards without logging in; got \"auth.anonymous\".enabled true. Set it to false.",
      "kube-prometheus-stack: publishes Grafana through an ingress; got grafana.ingress.enabled true. Configure SSO first and acknowledge the ingress with it.",
      "kube-prometheus-stack: sends session cookies without the browser protections; got cookie_secure unset, cookie_samesite \"none\", strict_transport_security unset in grafana.ini security. Set cookie_secure true, cookie_samesite \"strict\" and strict_transport_security true.",
    ],
  },
  // ECK
  {
    policy: "inferstack-kubernetes-elasticsearch-require-tls-and-private-access",
    breaks: "TLS off and a public Kibana",
    mutate: (s) => s.set("logs", "spec.http", { tls: { selfSignedCertificate: { disabled: true } } }).set("kibana", "spec.http", { service: { spec: { type: "LoadBalancer" } } }),
    expected: [
      "logs: serves its HTTP API without TLS; got spec.http.tls.selfSignedCertificate.disabled true and no certificate. Remove disabled, or give spec.http.tls.certificate.secretName.",
      "kibana: is reachable from outside the cluster; got spec.http.service.spec.type \"LoadBalancer\". Keep it ClusterIP.",
    ],
  },
  {
    policy: "inferstack-kubernetes-elasticsearch-require-tls-and-private-access",
    breaks: "a static elastic password",
    mutate: (s) =>
      s.add(recorded("kubernetes:core/v1:Secret", "elastic-password", { apiVersion: "v1", kind: "Secret", metadata: { name: "logs-es-elastic-user", namespace: "logging" }, stringData: { elastic: "changeme" } })),
    expected: [
      "elastic-password: sets the elastic superuser's password in the stack; got a Secret named like ECK's <name>-es-elastic-user. Let ECK generate it.",
    ],
  },
  {
    policy: "inferstack-kubernetes-elasticsearch-require-resilient-cluster",
    breaks: "one master, no spread, an unencrypted class and no disruption budget",
    mutate: (s) =>
      s
        .set("logs", "spec.nodeSets.0.count", 1)
        .unset("logs", "spec.nodeSets.0.podTemplate")
        .set("logs", "spec.nodeSets.0.volumeClaimTemplates.0.spec.storageClassName", "gp2")
        .set("logs", "spec.podDisruptionBudget", {}),
    expected: [
      "logs: loses its cluster state with one node; got 1 master-eligible node. Run at least 3.",
      "logs: nodeSet \"default\" may sit in one zone; got no topologySpreadConstraints on topology.kubernetes.io/zone. Spread it over zones.",
      "logs: nodeSet \"default\" stores data outside the encrypted class; got storageClassName \"gp2\". Use \"inferstack-encrypted-gp3\".",
      "logs: turns off ECK's disruption budget; got spec.podDisruptionBudget {}. Remove the override.",
    ],
  },
  // Acknowledgements carried by components
  {
    policy: "inferstack-pulumi-component-require-acknowledgement-reason",
    breaks: "a component acknowledgement without a reason",
    mutate: (s) =>
      s.set("resnet50-pool", "policyAcknowledgements", [
        { policy: "inferstack-kubernetes-deployment-require-priority-class", reason: "  " },
        { policy: "inferstack-kubernetes-workload-require-pull-policy", reason: "digest-pinned images; IfNotPresent keeps scale-out fast" },
      ]),
    expected: [
      "resnet50-pool: acknowledges inferstack-kubernetes-deployment-require-priority-class on resnet50-pool without a reason; got \"  \". Write why the finding is accepted and who accepted it, so reviewers can judge it.",
    ],
  },
];
