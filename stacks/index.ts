// Entry point of `pulumi up --stack <env>`: the exported promise resolves to the stack outputs.
import { program } from "./program";

export = program();
