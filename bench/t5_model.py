"""T5Model (encoder-decoder, no head) written in plain PyTorch for the delta4j benchmark, with HF's eager math:
T5LayerNorm (RMS, no mean, no bias, in float32), attention without score scaling, relative position buckets
(bidirectional in the encoder, causal in the decoder) whose bias the first layer of each stack computes and every
later layer reuses, the decoder's causal mask, cross-attention to the encoder's output, and the ReLU (`relu`) or
gated-GELU (`gated-gelu`) feed-forward. Parameter names are HF's, so delta4j's state dict loads as it is."""
import math

import torch
import torch.nn.functional as F
from torch import nn

# HF T5Config's defaults (t5-small), for fields a config.json leaves out.
DEFAULTS = {"vocab_size": 32128, "d_model": 512, "d_kv": 64, "d_ff": 2048, "num_layers": 6, "num_decoder_layers": None,
            "num_heads": 8, "relative_attention_num_buckets": 32, "relative_attention_max_distance": 128,
            "dropout_rate": 0.1, "layer_norm_epsilon": 1e-6, "feed_forward_proj": "relu"}


class LayerNorm(nn.Module):
    def __init__(self, size, eps):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(size))
        self.eps = eps

    def forward(self, x):
        variance = x.to(torch.float32).pow(2).mean(-1, keepdim=True)
        return self.weight * (x * torch.rsqrt(variance + self.eps))


def relative_position_bucket(relative, bidirectional, buckets, max_distance):
    """HF's T5Attention._relative_position_bucket."""
    out = 0
    if bidirectional:
        buckets //= 2
        out += (relative > 0).to(torch.long) * buckets
        relative = torch.abs(relative)
    else:
        relative = -torch.min(relative, torch.zeros_like(relative))
    exact = buckets // 2
    large = exact + (torch.log(relative.float() / exact) / math.log(max_distance / exact)
                     * (buckets - exact)).to(torch.long)
    large = torch.min(large, torch.full_like(large, buckets - 1))
    return out + torch.where(relative < exact, relative, large)


class Attention(nn.Module):
    def __init__(self, c, relative_bias, bidirectional):
        super().__init__()
        self.heads, self.d_kv = c["num_heads"], c["d_kv"]
        inner = self.heads * self.d_kv
        self.q = nn.Linear(c["d_model"], inner, bias=False)
        self.k = nn.Linear(c["d_model"], inner, bias=False)
        self.v = nn.Linear(c["d_model"], inner, bias=False)
        self.o = nn.Linear(inner, c["d_model"], bias=False)
        self.buckets = c["relative_attention_num_buckets"]
        self.max_distance = c["relative_attention_max_distance"]
        self.bidirectional = bidirectional
        self.dropout = c["dropout_rate"]
        if relative_bias:
            self.relative_attention_bias = nn.Embedding(self.buckets, self.heads)

    def split(self, x):
        return x.view(x.shape[0], -1, self.heads, self.d_kv).transpose(1, 2)

    def position_bias(self, queries, keys):
        """[1, heads, queries, keys]; zeros for a layer without the relative bias (HF's cross-attention)."""
        if not hasattr(self, "relative_attention_bias"):
            return torch.zeros(1, self.heads, queries, keys)
        relative = torch.arange(keys)[None, :] - torch.arange(queries)[:, None]
        buckets = relative_position_bucket(relative, self.bidirectional, self.buckets, self.max_distance)
        return self.relative_attention_bias(buckets).permute(2, 0, 1).unsqueeze(0)

    def forward(self, x, mask, bias, source=None):
        source = x if source is None else source
        q, k, v = self.split(self.q(x)), self.split(self.k(source)), self.split(self.v(source))
        scores = torch.matmul(q, k.transpose(3, 2))
        if bias is None:
            bias = self.position_bias(q.shape[2], k.shape[2]) + mask
        probs = F.dropout(F.softmax(scores.float() + bias, dim=-1).type_as(scores), p=self.dropout,
                          training=self.training)
        out = torch.matmul(probs, v).transpose(1, 2).reshape(x.shape[0], -1, self.heads * self.d_kv)
        return self.o(out), bias


class SelfAttentionLayer(nn.Module):
    def __init__(self, c, relative_bias, bidirectional):
        super().__init__()
        self.SelfAttention = Attention(c, relative_bias, bidirectional)
        self.layer_norm = LayerNorm(c["d_model"], c["layer_norm_epsilon"])
        self.dropout = nn.Dropout(c["dropout_rate"])

    def forward(self, x, mask, bias):
        out, bias = self.SelfAttention(self.layer_norm(x), mask, bias)
        return x + self.dropout(out), bias


class CrossAttentionLayer(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.EncDecAttention = Attention(c, False, True)
        self.layer_norm = LayerNorm(c["d_model"], c["layer_norm_epsilon"])
        self.dropout = nn.Dropout(c["dropout_rate"])

    def forward(self, x, source, mask, bias):
        out, bias = self.EncDecAttention(self.layer_norm(x), mask, bias, source)
        return x + self.dropout(out), bias


class DenseReluDense(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.wi = nn.Linear(c["d_model"], c["d_ff"], bias=False)
        self.wo = nn.Linear(c["d_ff"], c["d_model"], bias=False)
        self.dropout = nn.Dropout(c["dropout_rate"])

    def forward(self, x):
        return self.wo(self.dropout(F.relu(self.wi(x))))


class DenseGatedGeluDense(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.wi_0 = nn.Linear(c["d_model"], c["d_ff"], bias=False)
        self.wi_1 = nn.Linear(c["d_model"], c["d_ff"], bias=False)
        self.wo = nn.Linear(c["d_ff"], c["d_model"], bias=False)
        self.dropout = nn.Dropout(c["dropout_rate"])

    def forward(self, x):
        return self.wo(self.dropout(F.gelu(self.wi_0(x), approximate="tanh") * self.wi_1(x)))


class FeedForwardLayer(nn.Module):
    def __init__(self, c):
        super().__init__()
        kinds = {"relu": DenseReluDense, "gated-gelu": DenseGatedGeluDense}
        if c["feed_forward_proj"] not in kinds:
            raise ValueError("feed_forward_proj %r: this model implements %s" % (c["feed_forward_proj"], list(kinds)))
        # HF names either kind DenseReluDense.
        self.DenseReluDense = kinds[c["feed_forward_proj"]](c)
        self.layer_norm = LayerNorm(c["d_model"], c["layer_norm_epsilon"])
        self.dropout = nn.Dropout(c["dropout_rate"])

    def forward(self, x):
        return x + self.dropout(self.DenseReluDense(self.layer_norm(x)))


class Block(nn.Module):
    def __init__(self, c, first, decoder):
        super().__init__()
        parts = [SelfAttentionLayer(c, first, not decoder)]
        if decoder:
            parts.append(CrossAttentionLayer(c))
        parts.append(FeedForwardLayer(c))
        self.layer = nn.ModuleList(parts)
        self.decoder = decoder

    def forward(self, x, mask, bias, source, source_mask, cross_bias):
        x, bias = self.layer[0](x, mask, bias)
        if self.decoder:
            x, cross_bias = self.layer[1](x, source, source_mask, cross_bias)
        return self.layer[-1](x), bias, cross_bias


class Stack(nn.Module):
    def __init__(self, c, embed_tokens, layers, decoder):
        super().__init__()
        self.embed_tokens = embed_tokens
        self.block = nn.ModuleList(Block(c, i == 0, decoder) for i in range(layers))
        self.final_layer_norm = LayerNorm(c["d_model"], c["layer_norm_epsilon"])
        self.dropout = nn.Dropout(c["dropout_rate"])
        self.decoder = decoder

    def forward(self, ids, attention_mask, source=None, source_mask=None):
        allowed = attention_mask.bool()[:, None, None, :]
        if self.decoder:
            allowed = allowed & torch.ones(ids.shape[1], ids.shape[1], dtype=torch.bool).tril()[None, None]
        mask = torch.zeros(allowed.shape).masked_fill(~allowed, torch.finfo(torch.float32).min)
        x = self.dropout(self.embed_tokens(ids))
        bias = cross_bias = None
        for block in self.block:
            x, bias, cross_bias = block(x, mask, bias, source, source_mask, cross_bias)
        return self.dropout(self.final_layer_norm(x))


class T5Model(nn.Module):
    def __init__(self, c):
        super().__init__()
        c = {**DEFAULTS, **c}
        self.shared = nn.Embedding(c["vocab_size"], c["d_model"])
        self.encoder = Stack(c, self.shared, c["num_layers"], False)
        self.decoder = Stack(c, self.shared, c["num_decoder_layers"] or c["num_layers"], True)

    def forward(self, input_ids, attention_mask, decoder_input_ids):
        encoded = self.encoder(input_ids, attention_mask)
        # HF's encoder mask for the cross-attention: 0 where attended, float32 min elsewhere, [batch, 1, 1, keys].
        source_mask = (1.0 - attention_mask[:, None, None, :].to(torch.float32)) * torch.finfo(torch.float32).min
        decoded = self.decoder(decoder_input_ids, torch.ones_like(decoder_input_ids), encoded, source_mask)
        return {"last_hidden_state": decoded, "encoder_last_hidden_state": encoded}
