import { ApiError } from "../../shared/api/errors";

/**
 * Imports a core module that may not exist in this build yet (another part of the project adds
 * it). The specifier is a variable on purpose: a missing module is a clear runtime answer
 * ("not available yet"), not a compile error for the whole app.
 */
export async function loadOptional<T>(specifier: string, what: string): Promise<T> {
  try {
    return (await import(/* @vite-ignore */ specifier)) as T;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND" || /Cannot find module/.test(String(error))) {
      throw new ApiError("not-available", `${what} is not available yet in this version of Collapse Lab`);
    }
    throw error;
  }
}

/** Resolves a specifier relative to this folder (electron/core/api), for loadOptional. */
export function coreModule(relative: string): string {
  return new URL(relative, import.meta.url).href;
}
