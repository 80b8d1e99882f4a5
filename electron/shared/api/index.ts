export * from "./channels";
export * from "./contract";
export * from "./errors";
export * from "./events";
export * from "./types";
export { validateRequest } from "./validate";
export { bindMethods } from "./bindMethods";
