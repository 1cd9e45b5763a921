import { renderLifecyclePolicy, renderMirrorCommands, renderScanningRules } from "../../../components/registry/render";
import { validateLifecyclePolicy } from "../../../components/registry/validate";
import { type ResolvedRegistry } from "../../../components/resolve";

const REGISTRY: ResolvedRegistry = {
  host: "777788889999.dkr.ecr.us-east-1.amazonaws.com",
  prefix: "inferstack/prod",
  repositories: [
    { name: "inferstack/prod/tensorflow-serving", mirrorOf: "tensorflow/serving", keepTags: ["2.20.0", "2.20.0-gpu"] },
    { name: "inferstack/prod/triton-python", keepTags: [] },
  ],
  keepTaggedImages: 30,
  untaggedImageDays: 14,
  customImages: [],
};

describe("ECR lifecycle policies", () => {
  it("keep every referenced tag first, then expire untagged images by age and other tagged images by count", () => {
    const policy = renderLifecyclePolicy(REGISTRY.repositories[0]!, REGISTRY);
    expect(policy).toEqual({
      rules: [
        { rulePriority: 1, description: "Keep 2.20.0: a deployment references it", selection: { tagStatus: "tagged", tagPatternList: ["2.20.0"], countType: "imageCountMoreThan", countNumber: 9999 }, action: { type: "expire" } },
        { rulePriority: 2, description: "Keep 2.20.0-gpu: a deployment references it", selection: { tagStatus: "tagged", tagPatternList: ["2.20.0-gpu"], countType: "imageCountMoreThan", countNumber: 9999 }, action: { type: "expire" } },
        { rulePriority: 3, description: "Expire untagged images after 14 days", selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 14 }, action: { type: "expire" } },
        { rulePriority: 4, description: "Keep the newest 30 other tagged images", selection: { tagStatus: "tagged", tagPatternList: ["*"], countType: "imageCountMoreThan", countNumber: 30 }, action: { type: "expire" } },
      ],
    });
    expect(validateLifecyclePolicy(policy)).toEqual([]);
  });

  it("start at priority 1 for custom images, which no deployment references yet", () => {
    const policy = renderLifecyclePolicy(REGISTRY.repositories[1]!, REGISTRY);
    expect(policy.rules.map((r) => [r.rulePriority, r.selection.tagStatus, r.selection.countType])).toEqual([
      [1, "untagged", "sinceImagePushed"],
      [2, "tagged", "imageCountMoreThan"],
    ]);
    expect(validateLifecyclePolicy(policy)).toEqual([]);
  });

  it("are checked against ECR's rules", () => {
    const policy = renderLifecyclePolicy(REGISTRY.repositories[0]!, REGISTRY);
    const [keep, , untagged, tagged] = policy.rules;
    expect(
      validateLifecyclePolicy({
        rules: [
          { ...keep!, selection: { ...keep!.selection, tagPatternList: ["*a*b*c*d*e"] } },
          { ...untagged!, rulePriority: 1, selection: { ...untagged!.selection, countUnit: undefined } },
          { ...tagged!, selection: { ...tagged!.selection, tagPatternList: [] } },
        ],
      }),
    ).toEqual([
      "rule priorities must be unique; got 1, 1, 4",
      'rule 1: pattern "*a*b*c*d*e" has more than 4 wildcards',
      "rule 1: countUnit goes with sinceImagePushed and only there",
      "rule 4: a tagged rule needs tagPatternList or tagPrefixList",
    ]);
  });
});

describe("registry scanning", () => {
  it("keeps per-repository scan on push unless a registry scan type is set", () => {
    expect(renderScanningRules(REGISTRY)).toBeUndefined();
    expect(renderScanningRules({ ...REGISTRY, scanType: "ENHANCED" })).toEqual({
      scanType: "ENHANCED",
      rules: [{ scanFrequency: "CONTINUOUS_SCAN", repositoryFilters: [{ filter: "inferstack/prod/*", filterType: "WILDCARD" }] }],
    });
    expect(renderScanningRules({ ...REGISTRY, scanType: "BASIC" })!.rules[0]!.scanFrequency).toBe("SCAN_ON_PUSH");
  });

  it("lists the copies of the pinned runtime images the registry needs", () => {
    expect(renderMirrorCommands(REGISTRY)).toEqual([
      "crane copy tensorflow/serving:2.20.0 777788889999.dkr.ecr.us-east-1.amazonaws.com/inferstack/prod/tensorflow-serving:2.20.0",
      "crane copy tensorflow/serving:2.20.0-gpu 777788889999.dkr.ecr.us-east-1.amazonaws.com/inferstack/prod/tensorflow-serving:2.20.0-gpu",
    ]);
  });
});
