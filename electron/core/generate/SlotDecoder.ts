import type { LlamaContext, LlamaModel, Token } from "node-llama-cpp";
import { nativeContext, nativeSampler, type NativeContext, type NativeSampler } from "./nativeHandles";

/** Why a sample ended. contextFull: its sequence held `capacity` tokens (prompt + answer). */
export type FinishReason = "eogToken" | "customStopTrigger" | "maxTokens" | "contextFull";
export type Sampling = { temperature: number; topK: number; topP: number; maxTokens: number; stop: readonly string[] };
/** A prompt's tokens (BOS included) and the seed of its own sampler. */
export type SampleJob = { tokens: readonly Token[]; seed: number };
export type SampleOutcome = { text: string; tokenCount: number; finishReason: FinishReason };

type Active<J> = { job: J; sampler: NativeSampler; pending: readonly Token[]; position: number; generated: Token[] };

/**
 * Generates on one llama.cpp context, sequence i working through queue i in order. Every decode
 * holds the next input of every sequence that has one, in sequence order: its whole prompt while
 * the batch has room (the rest goes into the next decode), then one token per step. So the
 * batches, and with them the numbers llama.cpp computes, depend on the queues alone: the same
 * texts on every run, whatever the timing. A sequence whose sample ends takes its next prompt into
 * the following decode. Each sample draws from a sampler seeded with its own seed, so its tokens
 * do not depend on what the sequence generated before.
 */
export class SlotDecoder {
  /** llama.cpp decode calls so far */
  decodes = 0;
  private readonly native: NativeContext;
  /** the last tokens whose text can hold a stop string just completed: a character takes up to 4 byte tokens */
  private readonly stopWindow: number;

  constructor(
    private readonly model: LlamaModel,
    private readonly context: LlamaContext,
    private readonly sampling: Sampling,
    /** tokens a sequence may hold, prompt and answer */
    private readonly capacity: number = context.contextSize,
  ) {
    this.native = nativeContext(context);
    this.stopWindow = 4 * Math.max(0, ...sampling.stop.map((stop) => stop.length)) + 4;
  }

  async run<J extends SampleJob>(queues: readonly (readonly J[])[], onSample: (job: J, outcome: SampleOutcome) => void, signal?: AbortSignal): Promise<void> {
    if (queues.length > this.context.totalSequences)
      throw new Error(`SlotDecoder: ${queues.length} queues for a context of ${this.context.totalSequences} sequences`);
    const taken = queues.map(() => 0);
    const take = (sequence: number): Active<J> | null => {
      const job = queues[sequence]![taken[sequence]!++];
      if (!job) return null;
      if (job.tokens.length === 0 || job.tokens.length > this.capacity)
        throw new Error(`SlotDecoder: a prompt of ${job.tokens.length} tokens for sequences of ${this.capacity}`);
      this.native.disposeSequence(sequence);
      const { temperature, topK, topP } = this.sampling;
      return { job, sampler: nativeSampler(this.model, { temperature, topK, topP, seed: job.seed }), pending: job.tokens, position: 0, generated: [] };
    };
    const active: (Active<J> | null)[] = [];
    try {
      for (let s = 0; s < queues.length; s++) active.push(take(s));
      while (active.some((a) => a !== null)) {
        signal?.throwIfAborted();
        const sampled = await this.step(active);
        // in sequence order, so a finished sequence's next prompt is taken at the same step on every run
        for (const { sequence, token } of sampled) {
          // nothing more is reported once aborted, not even a sample that ended in this step
          signal?.throwIfAborted();
          const a = active[sequence]!;
          const outcome = this.accept(a, token);
          if (!outcome) continue;
          a.sampler.dispose();
          active[sequence] = null;
          onSample(a.job, outcome);
          active[sequence] = take(sequence);
        }
      }
    } finally {
      for (const a of active) a?.sampler.dispose();
    }
  }

  /** One decode of every sequence's next input, then a token for each sequence whose input ended in it. */
  private async step<J>(active: readonly (Active<J> | null)[]): Promise<{ sequence: number; token: Token | -1 }[]> {
    const parts: { sequence: number; a: Active<J>; count: number }[] = [];
    let room = this.context.batchSize;
    for (let sequence = 0; sequence < active.length && room > 0; sequence++) {
      const a = active[sequence];
      if (!a) continue;
      const count = Math.min(a.pending.length, room);
      parts.push({ sequence, a, count });
      room -= count;
    }
    this.native.initBatch(this.context.batchSize - room);
    const rows: { sequence: number; a: Active<J>; row: number }[] = [];
    for (const { sequence, a, count } of parts) {
      const whole = count === a.pending.length;
      const row = this.native.addToBatch(
        sequence,
        a.position,
        Uint32Array.from(a.pending.slice(0, count)),
        whole ? Uint32Array.of(count - 1) : new Uint32Array(0),
      );
      a.position += count;
      a.pending = a.pending.slice(count);
      if (whole) rows.push({ sequence, a, row: row[0]! });
    }
    await this.native.decodeBatch();
    this.decodes++;
    const tokens = await Promise.all(rows.map(({ a, row }) => this.native.sampleToken(row, a.sampler)));
    return rows.map(({ sequence }, i) => ({ sequence, token: tokens[i]! }));
  }

  /** Takes a sampled token into its sample: how the sample ended, or null to decode the token next. */
  private accept<J>(a: Active<J>, token: Token | -1): SampleOutcome | null {
    if (token === -1) throw new Error("SlotDecoder: llama.cpp sampled no token");
    const end = (finishReason: FinishReason, text = this.model.detokenize(a.generated)): SampleOutcome => ({
      text,
      tokenCount: a.generated.length,
      finishReason,
    });
    if (this.model.isEogToken(token)) return end("eogToken");
    a.generated.push(token);
    const stopAt = this.stopIndex(a.generated);
    if (stopAt >= 0) return end("customStopTrigger", this.model.detokenize(a.generated).slice(0, stopAt));
    // cut short, the last tokens may hold part of a character: it is not text yet
    const cut = () => this.model.detokenize(a.generated).replace(/\uFFFD+$/, "");
    if (a.generated.length >= this.sampling.maxTokens) return end("maxTokens", cut());
    if (a.position >= this.capacity) return end("contextFull", cut());
    a.pending = [token];
    return null;
  }

  /**
   * Where the first stop string begins in the text of `generated`, or -1. Checked after every
   * token, a stop string can only just have been completed, so only the last tokens' text is
   * searched (with the tokens before as context, for a leading space); the whole text only once
   * one is there: detokenising it every step grew with the square of a long answer.
   */
  private stopIndex(generated: readonly Token[]): number {
    const { stop } = this.sampling;
    if (stop.length === 0) return -1;
    const from = Math.max(0, generated.length - this.stopWindow);
    const tail = this.model.detokenize(generated.slice(from), false, generated.slice(Math.max(0, from - this.stopWindow), from));
    if (!stop.some((s) => tail.includes(s))) return -1;
    const text = this.model.detokenize(generated);
    const found = stop.map((s) => text.indexOf(s)).filter((i) => i >= 0);
    return found.length ? Math.min(...found) : -1;
  }
}
