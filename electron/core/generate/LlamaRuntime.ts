import { getLlama, type Llama } from "node-llama-cpp";

export type Backend = { gpu: string | false; deviceNames: string[]; fallbackReason: string | null };

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
      return { llama, backend: { gpu: false, deviceNames: [], fallbackReason: "COLLAPSE_GPU=0" } };
    }
    try {
      const llama = await getLlama({ gpu: "auto" });
      return { llama, backend: { gpu: llama.gpu, deviceNames: llama.gpu ? await llama.getGpuDeviceNames() : [], fallbackReason: llama.gpu ? null : "no supported GPU found" } };
    } catch (error) {
      const llama = await getLlama({ gpu: false });
      return { llama, backend: { gpu: false, deviceNames: [], fallbackReason: `GPU initialisation failed: ${(error as Error).message}` } };
    }
  }
}
