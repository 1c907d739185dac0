"""A safetensors file built by hand from PyTorch tensors' raw bytes.

Run from the project root:  ../shared/oracle/run test-data/generators/safetensors_raw.py
Writes test-data/train/torch_raw.safetensors. The `safetensors` Python package is not installable
here, so the header follows the format as its Rust serializer writes it: tensors sorted by dtype
(descending in the order BOOL, U8, I8, F8_E5M2, F8_E4M3, I16, U16, F16, BF16, I32, U32, F32, F64,
I64, U64) then by name, `__metadata__` first, compact JSON with keys dtype, shape, data_offsets,
padded with spaces to a multiple of 8 bytes, preceded by its length as a little-endian u64.
Tensor values (exactly representable, so the Java test can recompute them):
  weight F64 [2,3] = (arange(6) - 2.5) / 8      bias  F32 [3] = arange(3) * 0.25 - 1
  step   I64 [1]   = [-7000000000]              index I32 [2,2] = [[0, -1], [2147483647, -2147483648]]
  scalar F64 []    = 0.1 (its nearest double)
"""
import json
import os
import struct

import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "train", "torch_raw.safetensors")
tensors = {
    "weight": torch.tensor([(i - 2.5) / 8 for i in range(6)], dtype=torch.float64).reshape(2, 3),
    "bias": torch.arange(3, dtype=torch.float32) * 0.25 - 1,
    "step": torch.tensor([-7000000000], dtype=torch.int64),
    "index": torch.tensor([[0, -1], [2147483647, -2147483648]], dtype=torch.int32),
    "scalar": torch.tensor(0.1, dtype=torch.float64),
}
DTYPE = {torch.float64: "F64", torch.float32: "F32", torch.int64: "I64", torch.int32: "I32"}
RANK = {"I32": 9, "F32": 11, "F64": 12, "I64": 13}
order = sorted(tensors, key=lambda n: (-RANK[DTYPE[tensors[n].dtype]], n))
header = {"__metadata__": {"format": "pt"}}
blobs, offset = [], 0
for name in order:
    data = tensors[name].contiguous().numpy().tobytes()  # native order: little-endian on x86-64
    header[name] = {"dtype": DTYPE[tensors[name].dtype], "shape": list(tensors[name].shape),
                    "data_offsets": [offset, offset + len(data)]}
    offset += len(data)
    blobs.append(data)
text = json.dumps(header, separators=(",", ":")).encode()
text += b" " * ((8 - len(text) % 8) % 8)
with open(OUT, "wb") as f:
    f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))
print("wrote", os.path.normpath(OUT), 8 + len(text) + offset, "bytes")
