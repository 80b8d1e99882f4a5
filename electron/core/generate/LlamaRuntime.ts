import { getLlama, type Llama } from "node-llama-cpp";
import type { BackendInfo } from "../../shared/domain/views";

export type Backend = BackendInfo;

/** How logs and bench rows name the llama.cpp binding node-llama-cpp loaded. */
export function describeBuild(build: Backend["build"]): string {
  return build === "localBuild" ? "binding built on this machine" : "prebuilt binding";
}

/**
 * One llama.cpp runtime per process: the GPU node-llama-cpp finds (CUDA, Vulkan, Metal), or the
 * CPU with the reason the GPU could not be used.
 */
export class LlamaRuntime {
  private static instance: Promise<{ llama: Llama; backend: Backend }> | null = null;

  static get(): Promise<{ llama: Llama; backend: Backend }> {
    LlamaRuntime.instance ??= LlamaRuntime.create();
    return LlamaRuntime.instance;
  }

  private static async create(): Promise<{ llama: Llama; backend: Backend }> {
    if (process.env.COLLAPSE_GPU === "0") {
      const llama = await getLlama({ gpu: false });
      return { llama, backend: { gpu: false, deviceNames: [], fallbackReason: "COLLAPSE_GPU=0", build: llama.buildType } };
    }
    try {
      const llama = await getLlama({ gpu: "auto" });
      return {
        llama,
        backend: {
          gpu: llama.gpu,
          deviceNames: llama.gpu ? await llama.getGpuDeviceNames() : [],
          fallbackReason: llama.gpu ? null : "no supported GPU found",
          build: llama.buildType,
        },
      };
    } catch (error) {
      const llama = await getLlama({ gpu: false });
      return {
        llama,
        backend: { gpu: false, deviceNames: [], fallbackReason: `GPU initialisation failed: ${(error as Error).message}`, build: llama.buildType },
      };
    }
  }
}
