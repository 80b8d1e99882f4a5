#!/usr/bin/env python3
"""
`npm run bench:gpu`: the GPU check of issues 20 and 21, in one run on a machine with an NVIDIA GPU and
the CUDA toolkit (docs: bench/gpu/README.md).

It builds the CUDA trainer (native/, every patch) and llama.cpp's own tools from node-llama-cpp's
bundle for sm_90 alone, makes a Mistral-7B-shaped model with random weights (F16 by the bundle's
gguf-py, then llama-quantize Q4_K_M), and measures LoRA tokens/s at ctx 512 with the peak GPU memory,
held-out evaluation beside llama-perplexity, generation of 16 parallel sequences by
llama-batched-bench, and a resume after SIGTERM. Rows marked with the GPU's name go to
bench/results.json (suite "gpu") and, with the whole log, to --out (the device tool's $OUT).

Written in Python, not TypeScript, because the lent GPU machine has Python (with numpy) and no Node.

Exit codes: 0 done; 1 a step failed; 2 bad arguments, a missing tool or input; 69 no NVIDIA GPU or
no CUDA compiler here (everything before the build has run).
"""
from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LLAMA = ROOT / "node_modules" / "node-llama-cpp" / "llama"
DATA = Path(__file__).resolve().parent / "data"
EXIT_FAILED, EXIT_USAGE, EXIT_NO_GPU = 1, 2, 69
TOOLS = ["collapse-trainer", "llama-quantize", "llama-perplexity", "llama-batched-bench"]
CARRY = "node_modules/node-llama-cpp/llama/gitRelease.bundle and node_modules/node-llama-cpp/llama/patches"

# Mistral-7B-v0.1's shapes; "tiny" runs every step in seconds on a CPU (--cpu, a dry run)
SHAPES = {
    "mistral7b": {
        "label": "Mistral-7B-shaped model (7.2B params, 32k SentencePiece vocab), Q4_K_M",
        "n_embd": 4096, "n_layer": 32, "n_head": 32, "n_head_kv": 8, "n_ff": 14336,
        "vocab": "llama-spm", "rope_freq_base": 10000.0, "n_ctx_train": 32768, "sliding_window": 4096,
    },
    "tiny": {
        "label": "tiny model (dry run, 18M params, 32k SentencePiece vocab), Q4_K_M",
        "n_embd": 256, "n_layer": 2, "n_head": 8, "n_head_kv": 2, "n_ff": 768,
        "vocab": "llama-spm", "rope_freq_base": 10000.0, "n_ctx_train": 2048, "sliding_window": 0,
    },
}


class Stop(Exception):
    def __init__(self, code: int, message: str):
        super().__init__(message)
        self.code = code


class Run:
    """The log (screen and file), the clock, and the rows measured so far."""

    def __init__(self, work: Path, out: Path | None):
        self.t0 = time.monotonic()
        self.work = work
        self.out = out
        self.log_path = work / "gpu-bench.log"
        self.log_file = open(self.log_path, "a", encoding="utf-8")
        self.rows: list[dict] = []
        self.machine = ""
        self.gpu = ""

    def log(self, message: str) -> None:
        line = f"[{time.monotonic() - self.t0:6.1f} s] {message}"
        print(line, flush=True)
        self.log_file.write(line + "\n")
        self.log_file.flush()

    def record(self, name: str, value: float, unit: str, **extra) -> None:
        row = {"suite": "gpu", "name": f"{self.gpu}: {name}" if self.gpu else name, "value": value, "unit": unit}
        row.update({k: v for k, v in extra.items() if v is not None})
        if "baseline_value" in row and row["baseline_value"] and "ratio" not in row:
            row["ratio"] = value / row["baseline_value"]
        row.update({"machine": self.machine, "date": datetime.datetime.now(datetime.timezone.utc).isoformat().replace("+00:00", "Z")})
        self.rows.append(row)
        self.log(f"ROW {row['name']}: {value:.6g} {unit}" + (f" (baseline {row['baseline_value']:.6g}, ratio {row['ratio']:.3g})" if "ratio" in row else ""))
        self.save()

    def save(self) -> None:
        """After every row: a run cut short by its time limit still returns what it measured."""
        (self.work / "rows.json").write_text(json.dumps(self.rows, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        if self.out:
            self.out.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(self.work / "rows.json", self.out / "rows.json")
            self.log_file.flush()
            shutil.copyfile(self.log_path, self.out / "gpu-bench.log")


def run_command(run: Run, args: list[str], timeout: float, cwd: Path | None = None) -> subprocess.CompletedProcess:
    run.log("$ " + " ".join(str(a) for a in args))
    try:
        p = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as e:
        raise Stop(EXIT_FAILED, f"{Path(args[0]).name} ran past {timeout:.0f} s") from e
    run.log_file.write(p.stdout + p.stderr)
    if p.returncode != 0:
        tail = (p.stdout + p.stderr).strip().splitlines()[-15:]
        raise Stop(EXIT_FAILED, f"{Path(args[0]).name} failed (exit {p.returncode}):\n  " + "\n  ".join(tail))
    return p


# ---------------------------------------------------------------- steps before the GPU is needed


def check_inputs(args) -> None:
    for tool in ["git"] + ([] if args.tools else ["cmake"]):
        if not shutil.which(tool):
            raise Stop(EXIT_USAGE, f"{tool} is not installed here; the GPU check needs it")
    try:
        import numpy  # noqa: F401  (the model writer's)
    except ImportError as e:
        raise Stop(EXIT_USAGE, f"python3 has no numpy ({sys.executable}); the model writer needs it") from e
    if not (LLAMA / "gitRelease.bundle").is_file() or not (LLAMA / "patches").is_dir():
        raise Stop(EXIT_USAGE, f"{LLAMA / 'gitRelease.bundle'} or its patches are missing: run npm ci, or on a lent GPU machine carry {CARRY}")
    for name in ["train.jsonl", "heldout.jsonl", "heldout.txt"]:
        if not (DATA / name).is_file():
            raise Stop(EXIT_USAGE, f"{DATA / name} is missing: npx tsx bench/gpu/writeData.ts writes it")
    if args.tools:
        missing = [t for t in TOOLS if not (Path(args.tools) / t).is_file()]
        if missing:
            raise Stop(EXIT_USAGE, f"--tools {args.tools} lacks {', '.join(missing)} (npm run build:native -- --baselines builds them in native/build/cpu)")


def patches() -> list[Path]:
    """node-llama-cpp's patches, then ours, each set in name order: as native/scripts/build.ts applies them."""
    return sorted((LLAMA / "patches").rglob("*.diff")) + sorted((ROOT / "native" / "patches").rglob("*.patch"))


def prepare_source(run: Run) -> Path:
    src = run.work / "llama.cpp"
    wanted = hashlib.sha256(b"".join(p.read_bytes() for p in patches())).hexdigest()
    marker = src / ".collapse-patched"
    if marker.is_file() and marker.read_text().strip() == wanted:
        run.log(f"source: {src} (cloned and patched before)")
        return src
    shutil.rmtree(src, ignore_errors=True)
    run_command(run, ["git", "-c", "advice.detachedHead=false", "clone", "--quiet", LLAMA / "gitRelease.bundle", src], 300)
    for patch in patches():
        check = subprocess.run(["git", "apply", "--check", str(patch)], cwd=src, capture_output=True, text=True)
        if check.returncode != 0:
            raise Stop(EXIT_FAILED, f"patch {patch.relative_to(ROOT)} no longer applies to the bundle's llama.cpp:\n{check.stderr.strip()}")
        subprocess.run(["git", "apply", str(patch)], cwd=src, check=True)
    marker.write_text(wanted + "\n")
    run.log(f"source: {src}, {len(patches())} patches applied")
    return src


def require_gpu(run: Run) -> None:
    smi = os.environ.get("NVIDIA_SMI", "nvidia-smi")
    try:
        p = subprocess.run([smi, "--query-gpu=name,memory.total,driver_version", "--format=csv,noheader"], capture_output=True, text=True, timeout=60)
        ok, detail = p.returncode == 0 and p.stdout.strip() != "", (p.stderr or p.stdout).strip()
    except OSError as e:
        ok, detail = False, str(e)
    if not ok:
        raise Stop(
            EXIT_NO_GPU,
            f"no NVIDIA GPU here ({smi} --query-gpu: {detail or 'no GPU listed'}). Stopping before the CUDA build, the first step that "
            "needs one; the source is cloned and patched. Run this on a machine with an NVIDIA GPU and the CUDA toolkit "
            "(bench/gpu/README.md), or pass --cpu for a dry run on this CPU.",
        )
    name, total, driver = [x.strip() for x in p.stdout.strip().splitlines()[0].split(",")]
    run.gpu = name
    nvcc = os.environ.get("NVCC") or shutil.which("nvcc") or ("/usr/local/cuda/bin/nvcc" if Path("/usr/local/cuda/bin/nvcc").is_file() else "nvcc")
    try:
        v = subprocess.run([nvcc, "--version"], capture_output=True, text=True, timeout=60)
        nvcc_ok, release = v.returncode == 0, (re.search(r"release ([\d.]+)", v.stdout) or [None, "?"])[1]
    except OSError:
        nvcc_ok, release = False, ""
    if not nvcc_ok:
        raise Stop(
            EXIT_NO_GPU,
            f"no CUDA compiler here ({nvcc} --version failed) although {name} is present. Stopping before the CUDA build, the first "
            "step that needs it; install the CUDA toolkit or put nvcc on PATH (or set NVCC).",
        )
    os.environ["CUDACXX"] = nvcc
    run.machine = f"{name} ({total}, driver {driver}, CUDA {release}), {cpu_description()}"
    run.log(f"GPU: {run.machine}")


def cpu_description() -> str:
    model = "cpu"
    try:
        model = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{model} × {os.cpu_count()}, {mem:.0f} GiB, python {platform.python_version()}, {sys.platform}-{platform.machine()}"


# ---------------------------------------------------------------- build and model


def build(run: Run, src: Path) -> Path:
    out = run.work / "build"
    generator = ["-G", "Ninja"] if shutil.which("ninja") else []
    t0 = time.monotonic()
    run_command(
        run,
        ["cmake", *generator, "-S", ROOT / "native", "-B", out, f"-DLLAMA_CPP_DIR={src}", "-DCMAKE_BUILD_TYPE=Release", "-DGGML_NATIVE=ON",
         "-DGGML_CUDA=ON", "-DCMAKE_CUDA_ARCHITECTURES=90-real", "-DCOLLAPSE_BUILD_BASELINES=ON"],
        300,
    )
    run_command(run, ["cmake", "--build", out, "--config", "Release", "-j", str(os.cpu_count() or 4), "--target", *TOOLS], 480)
    run.record(f"building the CUDA trainer and {', '.join(TOOLS[1:])} (sm_90, {os.cpu_count()} cores)", time.monotonic() - t0, "s")
    return out


def make_model(run: Run, src: Path, tools: Path, shape: dict, shape_name: str) -> Path:
    q4 = run.work / f"{shape_name}-Q4_K_M.gguf"
    if q4.is_file():
        run.log(f"model: {q4} (made before)")
        return q4
    f16 = run.work / f"{shape_name}-F16.gguf"
    t0 = time.monotonic()
    params = write_random_f16(src, shape, f16)
    run.record(f"writing the {shape_name}-shaped F16 model with random weights ({params / 1e9:.2f}B params, gguf-py)", time.monotonic() - t0, "s")
    t1 = time.monotonic()
    run_command(run, [tools / "llama-quantize", f16, q4, "Q4_K_M", str(os.cpu_count() or 4)], 600)
    run.record(f"llama-quantize F16 → Q4_K_M ({os.cpu_count()} threads)", time.monotonic() - t1, "s")
    run.record(f"{shape_name}-shaped Q4_K_M file size", q4.stat().st_size / 2**20, "MiB")
    f16.unlink()  # 14.5 GB at the 7B shape; the lent machine's disk is 64 GiB
    return q4


def write_random_f16(src: Path, shape: dict, out: Path) -> int:
    """A llama-architecture GGUF: the vocabulary file's tokenizer, weights ~ N(0, 0.02²) in F16, norms 1 (F32).

    The weights are slices, at random offsets, of one pool of 2^24 normal draws: drawing 7.2B normals
    would take minutes of the run's ten, and a speed measurement does not depend on their independence.
    """
    sys.path.insert(0, str(src / "gguf-py"))
    import gguf  # the bundle's own GGUF library
    import numpy as np

    vocab = gguf.GGUFReader(src / "models" / f"ggml-vocab-{shape['vocab']}.gguf")
    n_vocab = len(vocab.fields["tokenizer.ggml.tokens"].data)
    e, ff, kv = shape["n_embd"], shape["n_ff"], shape["n_embd"] // shape["n_head"] * shape["n_head_kv"]
    tensors: list[tuple[str, tuple[int, ...]]] = [("token_embd.weight", (n_vocab, e)), ("output_norm.weight", (e,)), ("output.weight", (n_vocab, e))]
    for i in range(shape["n_layer"]):
        b = f"blk.{i}."
        tensors += [(b + "attn_norm.weight", (e,)), (b + "attn_q.weight", (e, e)), (b + "attn_k.weight", (kv, e)), (b + "attn_v.weight", (kv, e)),
                    (b + "attn_output.weight", (e, e)), (b + "ffn_norm.weight", (e,)), (b + "ffn_gate.weight", (ff, e)),
                    (b + "ffn_up.weight", (ff, e)), (b + "ffn_down.weight", (e, ff))]

    w = gguf.GGUFWriter(str(out) + ".part", "llama")
    for field in vocab.fields.values():
        if field.name.startswith("tokenizer."):
            t = field.types
            w.add_key_value(field.name, field.contents(), t[0], sub_type=t[1] if len(t) > 1 else None)
    w.add_name(f"collapse-lab random model, {shape['n_embd']} wide, {shape['n_layer']} layers")
    w.add_file_type(gguf.LlamaFileType.MOSTLY_F16)
    w.add_context_length(shape["n_ctx_train"])
    w.add_embedding_length(e)
    w.add_block_count(shape["n_layer"])
    w.add_feed_forward_length(ff)
    w.add_head_count(shape["n_head"])
    w.add_head_count_kv(shape["n_head_kv"])
    w.add_layer_norm_rms_eps(1e-5)
    w.add_rope_freq_base(shape["rope_freq_base"])
    w.add_rope_dimension_count(e // shape["n_head"])
    w.add_vocab_size(n_vocab)
    if shape["sliding_window"]:
        w.add_uint32("llama.attention.sliding_window", shape["sliding_window"])
    for name, dims in tensors:
        n = int(np.prod(dims))
        w.add_tensor_info(name, dims, np.dtype(np.float32 if len(dims) == 1 else np.float16), n * (4 if len(dims) == 1 else 2))
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_ti_data_to_file()
    rng = np.random.default_rng(42)
    pool = (rng.standard_normal(1 << 24, dtype=np.float32) * 0.02).astype(np.float16)
    params = 0
    for name, dims in tensors:
        n = int(np.prod(dims))
        params += n
        if len(dims) == 1:
            w.write_tensor_data(np.ones(dims, dtype=np.float32))
            continue
        data = np.empty(n, dtype=np.float16)
        for off in range(0, n, 1 << 22):
            k = min(1 << 22, n - off)
            start = int(rng.integers(0, len(pool) - k))
            data[off : off + k] = pool[start : start + k]
        w.write_tensor_data(data.reshape(dims))
    w.close()
    os.replace(str(out) + ".part", out)
    return params


# ---------------------------------------------------------------- measurements


class GpuMemory:
    """The GPU's memory in use, polled by nvidia-smi every 100 ms while a step runs: its peak above the idle reading."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.peak = 0.0
        self.idle = 0.0
        self.proc: subprocess.Popen | None = None

    def __enter__(self):
        if not self.enabled:
            return self
        smi = os.environ.get("NVIDIA_SMI", "nvidia-smi")
        q = ["--query-gpu=memory.used", "--format=csv,noheader,nounits"]
        self.idle = float(subprocess.run([smi, *q], capture_output=True, text=True).stdout.split()[0])
        self.proc = subprocess.Popen([smi, *q, "-lms", "100"], stdout=subprocess.PIPE, text=True)
        threading.Thread(target=self._read, daemon=True).start()
        return self

    def _read(self) -> None:
        assert self.proc and self.proc.stdout
        for line in self.proc.stdout:
            try:
                self.peak = max(self.peak, float(line.split()[0]))
            except (ValueError, IndexError):
                pass

    def __exit__(self, *exc) -> None:
        if self.proc:
            time.sleep(0.3)
            self.proc.terminate()
            self.proc.wait()

    @property
    def used_mib(self) -> float:
        return max(0.0, self.peak - self.idle)


def trainer(run: Run, tools: Path, command: str, config: dict, name: str, resume: bool = False, stop_at_step: int | None = None, timeout: float = 600) -> dict:
    """One trainer command: its result line (or, stopped at `stop_at_step` by SIGTERM, its last progress), exit code and peak RSS."""
    cfg = run.work / f"{name}.json"
    cfg.write_text(json.dumps(config))
    args = [str(tools / "collapse-trainer"), command, "--config", str(cfg), "--threads", str(os.cpu_count() or 4)] + (["--resume"] if resume else [])
    run.log("$ " + " ".join(args))
    err = open(run.work / f"{name}.stderr", "w")
    p = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=err, text=True)
    killer = threading.Timer(timeout, p.kill)
    killer.start()
    result, last, stopped = None, None, False
    assert p.stdout
    for line in p.stdout:
        msg = json.loads(line)
        if msg["type"] == "result":
            result = msg
        elif msg["type"] == "progress":
            last = msg
            if stop_at_step is not None and not stopped and msg["phase"] == "train" and msg["step"] >= stop_at_step:
                p.send_signal(signal.SIGTERM)
                stopped = True
        elif msg["type"] == "error":
            run.log(f"trainer error: {msg}")
    _, status, usage = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    killer.cancel()
    err.close()
    return {"result": result, "last": last, "code": p.returncode, "rss_mib": usage.ru_maxrss / 1024, "stopped": stopped}


def lora_config(run: Run, model: Path, out: str, steps: int) -> dict:
    train = run.work / f"train-{steps}.jsonl"
    lines = (DATA / "train.jsonl").read_text(encoding="utf-8").splitlines()
    train.write_text("\n".join((lines * (steps // len(lines) + 1))[:steps]) + "\n", encoding="utf-8")
    return {"base": str(model), "train": str(train), "val_fraction": 0, "out": str(run.work / out), "rank": 16, "alpha": 32,
            "targets": ["attn_q", "attn_k", "attn_v", "attn_output", "ffn_gate", "ffn_up", "ffn_down"],
            "lr": 1e-4, "epochs": 1, "ctx": 512, "seed": 1, "checkpoint": str(run.work / out) + ".ckpt"}


def measure_lora(run: Run, tools: Path, model: Path, steps: int, label: str, gpu: bool) -> dict:
    with GpuMemory(gpu) as mem:
        r = trainer(run, tools, "lora", lora_config(run, model, "reference.gguf", steps), "lora-reference")
    if r["code"] != 0 or not r["result"]:
        raise Stop(EXIT_FAILED, f"LoRA training failed (exit {r['code']}); see {run.work / 'lora-reference.stderr'}")
    res = r["result"]
    run.record(f"LoRA r16 training (attention + FFN), ctx 512, {label}, {res['steps']} steps", res["tokens_per_s"], "tokens/s",
               target="≥ 1,000 tokens/s (issue 21)" if gpu else None)
    if gpu:
        run.record(f"LoRA r16 training, ctx 512, {label}: peak GPU memory above idle (nvidia-smi)", mem.used_mib, "MiB")
    run.record(f"LoRA r16 training, ctx 512, {label}: peak RSS of the trainer", r["rss_mib"], "MiB")
    adapter = Path(res["adapter"])
    run.record(f"LoRA r16 adapter size, {label}", adapter.stat().st_size / 2**20, "MiB")
    return res


def measure_resume(run: Run, tools: Path, model: Path, steps: int, label: str, reference: Path) -> None:
    config = lora_config(run, model, "resumed.gguf", steps)
    first = trainer(run, tools, "lora", config, "lora-interrupted", stop_at_step=max(1, steps // 3))
    if first["code"] == 0:
        run.log(f"the interrupted run finished before SIGTERM reached it (step {first['last'] and first['last']['step']}); no resume measured")
        return
    if first["code"] != 10:
        raise Stop(EXIT_FAILED, f"the trainer stopped by SIGTERM exited {first['code']}, not 10; see {run.work / 'lora-interrupted.stderr'}")
    run.log(f"SIGTERM at step {first['last']['step']} of {steps}: exit 10, checkpoint written; resuming")
    second = trainer(run, tools, "lora", config, "lora-resumed", resume=True)
    if second["code"] != 0:
        raise Stop(EXIT_FAILED, f"the resumed training failed (exit {second['code']}); see {run.work / 'lora-resumed.stderr'}")
    same = sha256(Path(config["out"])) == sha256(reference)
    run.record(f"LoRA resumed after SIGTERM at step {first['last']['step']} of {steps}, {label}: the same adapter bytes as the uninterrupted run",
               1.0 if same else 0.0, "1 = identical")
    if not same:
        run.record(f"LoRA resumed after SIGTERM, {label}: largest difference of an adapter weight from the uninterrupted run",
                   adapter_difference(run.work / "llama.cpp", Path(config["out"]), reference), "absolute")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def adapter_difference(src: Path, a: Path, b: Path) -> float:
    sys.path.insert(0, str(src / "gguf-py"))
    import gguf
    import numpy as np

    ta = {t.name: np.asarray(t.data, dtype=np.float64) for t in gguf.GGUFReader(a).tensors}
    return max(float(np.max(np.abs(ta[t.name] - np.asarray(t.data, dtype=np.float64)))) for t in gguf.GGUFReader(b).tensors)


def measure_eval(run: Run, tools: Path, model: Path, adapter: Path, label: str, gpu: bool) -> None:
    r = trainer(run, tools, "eval", {"base": str(model), "adapter": str(adapter), "data": str(DATA / "heldout.jsonl"), "ctx": 1024}, "eval")
    if r["code"] != 0 or not r["result"]:
        raise Stop(EXIT_FAILED, f"evaluation failed (exit {r['code']}); see {run.work / 'eval.stderr'}")
    res = r["result"]
    p = run_command(run, [tools / "llama-perplexity", "-m", model, "--lora", adapter, "-f", DATA / "heldout.txt", "-c", "512",
                          "-t", str(os.cpu_count() or 4), *(["-ngl", "99"] if gpu else [])], 600)
    m = re.search(r"prompt eval time =\s*([\d.]+) ms /\s*(\d+) tokens", p.stdout + p.stderr)
    baseline = {"baseline_name": "llama-perplexity -c 512, same model and adapter, prompt eval tokens/s", "baseline_value": int(m[2]) / (float(m[1]) / 1000)} if m else {}
    run.record(f"held-out evaluation (trainer eval, {res['items']} pairs, every token decoded, load excluded), {label}",
               res["processed_tokens"] / res["seconds"], "tokens/s", **baseline)


def measure_generation(run: Run, tools: Path, model: Path, adapter: Path, label: str, gpu: bool) -> None:
    pp, tg, pl = 128, 128, 16
    for lora in (None, adapter):
        p = run_command(run, [tools / "llama-batched-bench", "-m", model, *(["--lora", lora] if lora else []), "-c", str(pl * (pp + tg) + 256),
                              "-b", "2048", "-ub", "512", "-npp", str(pp), "-ntg", str(tg), "-npl", str(pl), "-t", str(os.cpu_count() or 4),
                              *(["-ngl", "99", "-fa", "on"] if gpu else []), "--output-format", "jsonl"], 600)
        line = next((x for x in (p.stdout + "\n" + p.stderr).splitlines() if '"speed_tg"' in x), None)
        if not line:
            raise Stop(EXIT_FAILED, "llama-batched-bench printed no result")
        row = json.loads(line[line.index("{") :])
        with_adapter = " with the LoRA adapter" if lora else ""
        run.record(f"generation by llama-batched-bench{with_adapter}, {pl} parallel sequences, {pp}-token prompts, {tg} tokens each, {label}: "
                   "generated tokens / (T_PP + T_TG)", row["pl"] * row["tg"] / row["t"], "generated tokens/s")
        run.record(f"generation by llama-batched-bench{with_adapter}, {pl} parallel sequences, {label}: decoding alone (S_TG)", row["speed_tg"], "tokens/s")
    run.log("generation through the product (node-llama-cpp) is not measured here: the lent GPU machine has no Node (bench/gpu/README.md)")


# ---------------------------------------------------------------- results


def merge(rows_file: Path) -> int:
    """Puts a run's rows into bench/results.json in place of the gpu suite's previous rows."""
    rows = json.loads(rows_file.read_text(encoding="utf-8"))
    results = ROOT / "bench" / "results.json"
    previous = json.loads(results.read_text(encoding="utf-8")) if results.is_file() else []
    kept = [r for r in previous if r.get("suite") != "gpu"]
    results.write_text(json.dumps(kept + rows, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"bench/results.json: {len(rows)} gpu rows from {rows_file}")
    return 0


def parse_args(argv: list[str]):
    ap = argparse.ArgumentParser(prog="npm run bench:gpu --", description="The GPU check: CUDA trainer and llama.cpp's tools on a 7B-shaped model.")
    ap.add_argument("--shape", choices=sorted(SHAPES), default="mistral7b", help="the model's shape (tiny: a dry run in seconds)")
    ap.add_argument("--steps", type=int, default=48, help="LoRA steps (one 512-token window each) of each training run (default 48)")
    ap.add_argument("--work", default=os.path.join(os.environ.get("TMPDIR", "/tmp"), "collapse-gpu-bench"), help="work folder (kept: a rerun reuses the build and the model)")
    ap.add_argument("--out", default=os.environ.get("OUT"), help="copy rows.json and the log here after every row (default: $OUT)")
    ap.add_argument("--cpu", action="store_true", help="a dry run on the CPU: no GPU needed, nothing written to bench/results.json")
    ap.add_argument("--tools", help="a folder of prebuilt tools (collapse-trainer, llama-quantize, llama-perplexity, llama-batched-bench) instead of building")
    ap.add_argument("--merge", metavar="ROWS_JSON", help="only put a run's rows.json into bench/results.json")
    a = ap.parse_args(argv)
    if a.steps < 3 or a.steps > 10000:
        ap.error("--steps must be between 3 and 10000")
    if a.cpu and not a.tools:
        ap.error("--cpu needs --tools (a CPU build: npm run build:native -- --baselines, then --tools native/build/cpu)")
    return a


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    if args.merge:
        return merge(Path(args.merge))
    work = Path(args.work).resolve()
    work.mkdir(parents=True, exist_ok=True)
    run = Run(work, Path(args.out).resolve() if args.out else None)
    shape = SHAPES[args.shape]
    try:
        check_inputs(args)
        src = prepare_source(run)
        if args.cpu:
            run.machine = f"CPU dry run, {cpu_description()}"
        else:
            require_gpu(run)
        tools = Path(args.tools).resolve() if args.tools else build(run, src)
        model = make_model(run, src, tools, shape, args.shape)
        gpu = not args.cpu
        res = measure_lora(run, tools, model, args.steps, shape["label"], gpu)
        adapter = Path(res["adapter"])
        measure_generation(run, tools, model, adapter, shape["label"], gpu)
        measure_eval(run, tools, model, adapter, shape["label"], gpu)
        measure_resume(run, tools, model, args.steps, shape["label"], adapter)
        if not args.cpu:
            merge(work / "rows.json")
        run.log(f"done in {time.monotonic() - run.t0:.0f} s: {len(run.rows)} rows in {work / 'rows.json'}")
        return 0
    except Stop as stop:
        run.log(f"STOPPED: {stop}")
        print(f"error: {stop}", file=sys.stderr)
        return stop.code
    finally:
        run.save()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
