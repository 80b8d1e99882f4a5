/** Config files of the native trainer's commands (native/README.md is the reference). */
export type InitConfig = {
  out: string;
  vocab: string;
  n_embd: number;
  n_layer: number;
  n_head: number;
  n_head_kv?: number;
  n_ff: number;
  n_ctx_train?: number;
  rope_freq_base?: number;
  sliding_window?: number;
  norm_eps?: number;
  seed?: number;
  init_std?: number;
  type?: "f32" | "f16" | "q8_0" | "q4_0" | "q4_K";
  name?: string;
};

export type LoraConfig = {
  base: string;
  /** JSON Lines of {"prompt", "answer"} */
  train: string;
  val?: string;
  val_fraction?: number;
  out: string;
  rank?: number;
  alpha?: number;
  targets?: string[];
  lr?: number;
  lr_min?: number;
  schedule?: "constant" | "linear" | "cosine";
  weight_decay?: number;
  epochs?: number;
  seed?: number;
  ctx?: number;
  checkpoint?: string;
  checkpoint_every?: number;
  init_adapter?: string;
  /** text such as "<|eot_id|>" in a pair becomes the vocabulary's special token (prompts rendered through a chat template) */
  special_tokens?: boolean;
  /** pairs packed whole into the windows, as many as fit (native/README.md) */
  pack?: boolean;
};

export type PretrainConfig = {
  model: string;
  /** JSON Lines of {"text"}, or of {"prompt","answer"} with `loss: "answer"` */
  train: string;
  out: string;
  /** "all" (default): next-token loss on every token; "answer": pairs packed whole, the loss on the answers only */
  loss?: "all" | "answer";
  ctx?: number;
  epochs?: number;
  lr?: number;
  lr_min?: number;
  schedule?: "constant" | "linear" | "cosine";
  seed?: number;
  val_fraction?: number;
};

export type EvalConfig = { base: string; adapter?: string; data: string; ctx?: number; per_item?: boolean; special_tokens?: boolean };

/** Checks LoRA gradients against finite differences of the loss (one pair, the first of `train`). */
export type GradcheckConfig = {
  base: string;
  train: string;
  targets?: string[];
  rank?: number;
  alpha?: number;
  ctx?: number;
  seed?: number;
  eps?: number;
  direct_kv?: boolean;
};

export type TrainerCommand = "init" | "lora" | "pretrain" | "eval" | "gradcheck";
export type ConfigOf<C extends TrainerCommand> = C extends "init"
  ? InitConfig
  : C extends "lora"
    ? LoraConfig
    : C extends "pretrain"
      ? PretrainConfig
      : C extends "eval"
        ? EvalConfig
        : GradcheckConfig;

export type TrainerProgress = {
  type: "progress";
  phase: "load" | "train" | "val" | "eval" | string;
  epoch: number;
  epochs: number;
  step: number;
  steps: number;
  tokens: number;
  loss: number | null;
  val_loss: number | null;
  lr?: number;
  tokens_per_s: number | null;
  eta_s: number | null;
};

export type InitResult = { command: "init"; model: string; parameters: number; n_vocab: number; russian_probe_tokens: number };
export type LoraResult = {
  command: "lora";
  adapter: string;
  train_loss: number;
  val_loss: number | null;
  initial_val_loss: number | null;
  train_pairs: number;
  val_pairs: number;
  /** windows per epoch: train_pairs, or fewer with `pack` */
  train_windows: number;
  steps: number;
  tokens: number;
  seconds: number;
  tokens_per_s: number;
};
export type PretrainResult = Omit<LoraResult, "command" | "adapter" | "train_pairs" | "val_pairs" | "train_windows" | "steps"> & {
  command: "pretrain";
  model: string;
  windows: number;
};
export type EvalResult = {
  command: "eval";
  items: number;
  tokens: number;
  sum_logprob: number;
  mean_nll: number;
  perplexity: number;
  /** every token decoded, prompts included, and the seconds from the first decode on (load excluded) */
  processed_tokens: number;
  seconds: number;
  per_item?: { tokens: number; sum_logprob: number }[];
};
export type GradcheckResult = {
  command: "gradcheck";
  direct_kv: boolean;
  loss: number;
  loss_through_cache: number;
  masked_max_abs_gradient: number;
  max_rel_error: number;
  tensors: { name: string; gradient_norm: number; checks: { direction: "gradient" | "random"; analytic: number; numeric: number; rel_error: number }[] }[];
};
export type ResultOf<C extends TrainerCommand> = C extends "init"
  ? InitResult
  : C extends "lora"
    ? LoraResult
    : C extends "pretrain"
      ? PretrainResult
      : C extends "eval"
        ? EvalResult
        : GradcheckResult;

/** Exit codes of the protocol. */
export const TRAINER_EXIT = { ok: 0, internal: 1, config: 2, input: 3, memory: 4, disk: 5, stopped: 10 } as const;
