import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { DockerfileParser } from "dockerfile-ast";
import { validate } from "dockerfile-utils";
import { readImageFiles } from "../../../components/project";
import {
  buildDigest,
  contextFiles,
  CUSTOM_IMAGE_SETTINGS,
  customImageBuildArgs,
  customImageTag,
  pinnedReference,
  taggedReference,
} from "../../../components/registry/build";
import { SERVING_SETTINGS } from "../../../components/serving/settings";
import { REPO, tempProject } from "../../helpers/input";

const FILES = [
  { path: "requirements.txt", sha256: "b".repeat(64) },
  { path: "Dockerfile", sha256: "a".repeat(64) },
];
const INPUTS = { files: [...FILES].sort((x, y) => x.path.localeCompare(y.path)), dockerfile: "images/x/Dockerfile", buildArgs: { BASE_IMAGE: "nvcr.io/nvidia/tritonserver:26.07-py3" }, platform: "linux/amd64" };

describe("custom image tags", () => {
  it("digest the context's files, the Dockerfile's path, the build arguments and the platform in one canonical form", () => {
    const canonical = JSON.stringify({
      files: [["Dockerfile", "a".repeat(64)], ["requirements.txt", "b".repeat(64)]],
      dockerfile: "images/x/Dockerfile",
      buildArgs: [["BASE_IMAGE", "nvcr.io/nvidia/tritonserver:26.07-py3"]],
      platform: "linux/amd64",
    });
    expect(buildDigest(INPUTS)).toBe(createHash("sha256").update(canonical).digest("hex"));
  });

  it("change with any input, and only with the inputs (build argument order does not count)", () => {
    const base = buildDigest(INPUTS);
    const variants = [
      { ...INPUTS, files: [INPUTS.files[0]!, { path: "requirements.txt", sha256: "c".repeat(64) }] },
      { ...INPUTS, files: [...INPUTS.files, { path: "model.py", sha256: "d".repeat(64) }] },
      { ...INPUTS, dockerfile: "images/y/Dockerfile" },
      { ...INPUTS, buildArgs: { BASE_IMAGE: "nvcr.io/nvidia/tritonserver:26.08-py3" } },
      { ...INPUTS, platform: "linux/arm64" },
    ].map(buildDigest);
    expect(new Set([base, ...variants]).size).toBe(6);
    expect(buildDigest({ ...INPUTS, buildArgs: { B: "2", A: "1" } })).toBe(buildDigest({ ...INPUTS, buildArgs: { A: "1", B: "2" } }));
  });

  it.each([
    ["triton", true, "26.07-py3-0123456789ab"],
    ["triton", false, "26.07-py3-0123456789ab"],
    ["tfserving", true, "2.20.0-gpu-0123456789ab"],
    ["tfserving", false, "2.20.0-0123456789ab"],
  ] as const)("name the pinned %s base (GPU %s) and the digest's first 12 hex digits", (runtime, gpu, tag) => {
    expect(customImageTag(runtime, gpu, `0123456789ab${"f".repeat(52)}`)).toBe(tag);
  });

  it("pass the pinned upstream runtime image as BASE_IMAGE", () => {
    expect([customImageBuildArgs("triton", true), customImageBuildArgs("tfserving", false)]).toEqual([
      { BASE_IMAGE: "nvcr.io/nvidia/tritonserver:26.07-py3" },
      { BASE_IMAGE: "tensorflow/serving:2.20.0" },
    ]);
  });
});

describe("image references", () => {
  const url = "777788889999.dkr.ecr.us-east-1.amazonaws.com/inferstack/prod/triton-python";
  const digest = `sha256:${"0f".repeat(32)}`;

  it("tag the repository URL, then pin the pushed digest while keeping the tag readable", () => {
    const tagged = taggedReference(url, "26.07-py3-0123456789ab");
    expect([tagged, pinnedReference(tagged, `${url}@${digest}`)]).toEqual([`${url}:26.07-py3-0123456789ab`, `${url}:26.07-py3-0123456789ab@${digest}`]);
  });

  it.each([`${url}`, `${url}@sha256:abc`, `${url}@md5:${"0f".repeat(32)}`])("refuse a repoDigest without a sha256 digest: %s", (repoDigest) => {
    expect(() => pinnedReference(`${url}:t`, repoDigest)).toThrow(`a pushed image's repoDigest must end in @sha256:<64 hex digits>; got ${JSON.stringify(repoDigest)}`);
  });
});

describe("build contexts on disk", () => {
  it("are read with each file's SHA-256, sorted by path, and split per context", () => {
    const root = tempProject({ "images/a/Dockerfile": "FROM x\n", "images/a/sub/b.txt": "b", "images/ab/Dockerfile": "FROM y\n" });
    const files = readImageFiles(root).filter((f) => !f.path.startsWith("images/triton-python/"));
    const sha = (text: string) => createHash("sha256").update(text).digest("hex");
    expect(files).toEqual([
      { path: "images/a/Dockerfile", sha256: sha("FROM x\n") },
      { path: "images/a/sub/b.txt", sha256: sha("b") },
      { path: "images/ab/Dockerfile", sha256: sha("FROM y\n") },
    ]);
    expect(contextFiles(files, "images/a")).toEqual([
      { path: "Dockerfile", sha256: sha("FROM x\n") },
      { path: "sub/b.txt", sha256: sha("b") },
    ]);
  });

  it("are none when the project has no images directory", () => {
    const root = tempProject({});
    fs.rmSync(path.join(root, "images"), { recursive: true, force: true });
    expect(readImageFiles(root)).toEqual([]);
  });
});

const DOCKERFILES = fs
  .readdirSync(path.join(REPO, CUSTOM_IMAGE_SETTINGS.contextsDir), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(REPO, CUSTOM_IMAGE_SETTINGS.contextsDir, entry.name, "Dockerfile")))
  .map((entry) => `${CUSTOM_IMAGE_SETTINGS.contextsDir}/${entry.name}`);

describe.each(DOCKERFILES)("the Dockerfile of %s", (context) => {
  const text = fs.readFileSync(path.join(REPO, context, "Dockerfile"), "utf8");
  const instructions = DockerfileParser.parse(text).getInstructions();
  const keyword = (k: string) => instructions.filter((i) => i.getKeyword() === k);

  it("passes the Dockerfile linter of the VS Code Docker language server (dockerfile-utils) without a finding", () => {
    expect(validate(text).map((d) => `${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
  });

  it("builds FROM the BASE_IMAGE build argument, declared before it, in a single stage", () => {
    expect(instructions[0]!.getKeyword()).toBe("ARG");
    expect(instructions[0]!.getArgumentsContent()).toBe(CUSTOM_IMAGE_SETTINGS.baseImageArg);
    expect(keyword("FROM").map((i) => i.getArgumentsContent())).toEqual([`\${${CUSTOM_IMAGE_SETTINGS.baseImageArg}}`]);
  });

  it("ends as the serving pods' non-root user, adds nothing from URLs and sets no secret-looking variables", () => {
    const users = keyword("USER").map((i) => i.getArgumentsContent());
    expect(users[users.length - 1]).toBe(`${SERVING_SETTINGS.runAsUser}:${SERVING_SETTINGS.runAsUser}`);
    expect(instructions[instructions.length - 1]!.getKeyword()).toBe("USER");
    expect(keyword("ADD")).toEqual([]);
    const names = [...keyword("ENV"), ...keyword("ARG")].flatMap((i) => (i.getArgumentsContent() ?? "").split(/\s+/).map((pair) => pair.split("=")[0]!));
    expect(names.filter((n) => /SECRET|TOKEN|PASSWORD|KEY/i.test(n))).toEqual([]);
  });

  it("installs Python packages only from a requirements file of exact versions, without dependency resolution", () => {
    const runs = keyword("RUN").map((i) => i.getArgumentsContent() ?? "");
    const pip = runs.filter((r) => /\bpip\b/.test(r));
    for (const run of pip) expect(run).toMatch(/--no-deps .*-r \S*requirements\.txt/);
    if (pip.length === 0) return;
    const requirements = fs
      .readFileSync(path.join(REPO, context, "requirements.txt"), "utf8")
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line !== "" && !line.startsWith("#"));
    expect(requirements.length).toBeGreaterThan(0);
    expect(requirements.filter((line) => !/^[A-Za-z0-9][A-Za-z0-9._-]*==\d+(\.\d+)*$/.test(line))).toEqual([]);
  });
});

describe("the Dockerfile linter", () => {
  it("reports a broken Dockerfile, so a clean result means something", () => {
    expect(validate("ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nFOOBAR x\nUSER\n").map((d) => d.message)).toEqual(["Unknown instruction: FOOBAR", "Instruction has no arguments"]);
  });
});
