import { join } from "node:path";
import { lab } from "../../helpers/runLab";

/** The workspace database a UI test's app opens, in the folder that `prepare` is given. */
export const workspaceDb = (dir: string) => join(dir, "workspace.sqlite");

/** `lab <args> --db <the workspace in dir>`, in this process: the state a UI test starts from, made through the CLI; fails with the command's own words. */
export async function labIn(dir: string, ...args: string[]): Promise<string> {
  const r = await lab([...args, "--db", workspaceDb(dir)], { COLLAPSE_GPU: "0" });
  if (r.status !== 0) throw new Error(`lab ${args.join(" ")} exited with ${r.status}:\n${r.stderr}${r.stdout}`);
  return r.stdout;
}
