import type { BatchingOptions, LlamaContext, LlamaContextSequence, Token } from "node-llama-cpp";
import { fifoBatch } from "./fifoBatch";

type Evaluation = AsyncGenerator<Token, void, void | Token | Token[]>;
type Member = { state: "busy" | "waiting" | "queued"; wake: { resolve: () => void; reject: (reason: unknown) => void } | null };

/**
 * A barrier over the sequences of one shared context, so that every llama.cpp decode holds the
 * same tokens on every run. Left to itself, node-llama-cpp decodes whatever sequences have queued
 * tokens when its batch dispatches (the next event-loop turn), which depends on timing; llama.cpp's
 * results depend on the batch's shape, so near-ties sampled differently from run to run, and
 * batches were often part-full.
 *
 * Each member's `evaluate` (what LlamaCompletion generates through) waits here before every step.
 * When every member waits, all go on together, and the context dispatches once each of them has
 * queued its tokens. A member whose completion ended still counts until it leaves: the barrier
 * waits for its next prompt, so that prompt joins the same step on every run. An abort rejects the
 * waiting members with the signal's reason.
 */
export class Lockstep {
  /** llama.cpp decode calls (batches) the context made */
  decodes = 0;
  /** the context's `batching` option */
  readonly batching: BatchingOptions = {
    dispatchSchedule: (dispatch) => {
      this.dispatch = dispatch;
      this.tryDispatch();
    },
    itemPrioritizationStrategy: (options) => {
      // called once per decode; in queue order, which the barrier makes the same on every run
      this.decodes++;
      return fifoBatch(options);
    },
  };
  private readonly members: Member[] = [];
  private queued: ReadonlySet<unknown> | null = null;
  private dispatch: (() => void) | null = null;
  private releasing = false;
  private polling = false;

  constructor(private readonly signal?: AbortSignal) {
    signal?.addEventListener("abort", this.onAbort);
  }

  /** The context created with `batching`; its queue is what the dispatch waits on. */
  attach(context: LlamaContext): void {
    // node-llama-cpp (3.22.1) has no public view of its queue; without it the barrier cannot know when to dispatch
    const queued = (context as unknown as { _queuedDecodeSequenceIds?: unknown })._queuedDecodeSequenceIds;
    if (!(queued instanceof Set)) throw new Error("Lockstep: this node-llama-cpp's LlamaContext has no _queuedDecodeSequenceIds; shared batching was written against 3.22.1");
    this.queued = queued;
  }

  /** Puts a sequence's evaluations through the barrier until the returned function is called. */
  join(sequence: LlamaContextSequence): () => void {
    const member: Member = { state: "busy", wake: null };
    this.members.push(member);
    const evaluate = sequence.evaluate.bind(sequence);
    sequence.evaluate = (tokens, options) => this.steps(member, evaluate(tokens, options));
    return () => {
      const i = this.members.indexOf(member);
      if (i < 0) return;
      this.members.splice(i, 1);
      this.tryRelease();
      this.tryDispatch();
    };
  }

  /** Stops listening to the abort signal. */
  dispose(): void {
    this.signal?.removeEventListener("abort", this.onAbort);
  }

  private async *steps(member: Member, inner: Evaluation): Evaluation {
    try {
      let input: void | Token | Token[] = undefined;
      for (;;) {
        await this.arrive(member);
        let step: IteratorResult<Token, void>;
        try {
          step = await inner.next(input);
        } finally {
          member.state = "busy";
        }
        if (step.done) return;
        input = yield step.value;
      }
    } finally {
      await inner.return();
    }
  }

  private arrive(member: Member): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.signal?.aborted) return reject(this.signal.reason);
      member.state = "waiting";
      member.wake = { resolve, reject };
      this.tryRelease();
    });
  }

  private tryRelease(): void {
    if (this.releasing || this.members.length === 0 || this.members.some((m) => m.state !== "waiting")) return;
    this.releasing = true;
    // on the next turn: by then the dispatch that served the last batch has ended, so it cannot take
    // the new tokens as they come in; released in join order, so they queue in the same order
    setImmediate(() => {
      this.releasing = false;
      for (const m of this.members) {
        if (m.state !== "waiting") continue;
        m.state = "queued";
        m.wake!.resolve();
        m.wake = null;
      }
    });
  }

  private tryDispatch(): void {
    if (!this.dispatch) return;
    const expected = this.members.filter((m) => m.state === "queued").length;
    if (this.signal?.aborted || (this.queued?.size ?? expected) >= expected) {
      const dispatch = this.dispatch;
      this.dispatch = null;
      dispatch();
    } else if (!this.polling) {
      // a released sequence queues its tokens a few microtasks after it goes on: look again next turn
      this.polling = true;
      setImmediate(() => {
        this.polling = false;
        this.tryDispatch();
      });
    }
  }

  private readonly onAbort = (): void => {
    for (const m of this.members) {
      if (m.state !== "waiting") continue;
      m.state = "busy";
      m.wake!.reject(this.signal!.reason);
      m.wake = null;
    }
    this.tryDispatch();
  };
}
