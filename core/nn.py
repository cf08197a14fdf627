"""A small multilayer perceptron with its backpropagation written out, Adam, and the losses of a GAN and a VAE.

Pure numpy, in the spirit of micrograd: every gradient is a line of algebra under its equation, and
``tests/core_tests/test_deep.py`` checks each one against finite differences. Row convention: a batch ``H`` has one
example per row, so a layer computes ``A = H W + b``.

Forward pass of an MLP with layers l = 1..L (phi the activation, no activation after the last layer):

    A_l = H_{l-1} W_l + b_l,    H_l = phi(A_l),    H_0 = X,    output = A_L

Backward pass, given dL/dA_L (Goodfellow, Bengio & Courville, *Deep Learning*, 2016, algorithm 6.4):

    dL/dW_l = H_{l-1}^T dL/dA_l,    dL/db_l = sum over rows of dL/dA_l,
    dL/dH_{l-1} = dL/dA_l W_l^T,    dL/dA_{l-1} = dL/dH_{l-1} * phi'(A_{l-1})
"""

from __future__ import annotations

import numpy as np

_LOG_2PI = np.log(2 * np.pi)
LEAK = 0.2  # slope of the leaky ReLU below zero


def _act(name: str, A: np.ndarray) -> np.ndarray:
    if name == "tanh":
        return np.tanh(A)
    if name == "leaky_relu":
        return np.maximum(A, LEAK * A)  # for 0 < LEAK < 1
    raise ValueError(f"Unknown activation {name!r}; use 'tanh' or 'leaky_relu'.")


def _act_grad(name: str, A: np.ndarray, H: np.ndarray) -> np.ndarray:
    """phi'(A), from A or from H = phi(A), whichever is cheaper."""
    if name == "tanh":
        return 1.0 - H**2  # tanh' = 1 - tanh^2
    return np.where(A > 0, 1.0, LEAK)


class MLP:
    """Fully connected network ``sizes[0] -> sizes[1] -> ... -> sizes[-1]``, ``activation`` between layers.

    All weights live in one flat vector ``params`` (so Adam and a snapshot are one array operation);
    ``unpack`` gives its views [W_1, b_1, ..., W_L, b_L], W_l of shape (sizes[l-1], sizes[l]).
    Every method takes an optional ``params`` vector in place of the network's own.

    Parameters
    ----------
    sizes : tuple of int, e.g. (2, 32, 32, 1)
    activation : "leaky_relu" or "tanh"
    rng : numpy.random.Generator, for the initial weights
    """

    def __init__(self, sizes, activation: str = "leaky_relu", rng=None):
        rng = np.random.default_rng(rng)
        self.sizes, self.activation = tuple(int(s) for s in sizes), activation
        _act(activation, np.zeros(1))  # an unknown name fails here, not mid-training
        shapes = [s for n_in, n_out in zip(self.sizes[:-1], self.sizes[1:]) for s in ((n_in, n_out), (n_out,))]
        ends = np.cumsum([int(np.prod(s)) for s in shapes]).tolist()
        self._slices = [(start, end, shape) for start, end, shape in zip([0] + ends[:-1], ends, shapes)]
        self.params = np.zeros(ends[-1])
        for W in self.unpack(self.params)[::2]:
            # Glorot / Xavier uniform: keeps the activations' variance about constant through the layers
            n_in, n_out = W.shape
            limit = np.sqrt(6.0 / (n_in + n_out))
            W[...] = rng.uniform(-limit, limit, W.shape)

    def __repr__(self) -> str:
        return f"MLP({'-'.join(map(str, self.sizes))}, {self.activation})"

    def unpack(self, flat) -> list:
        """Views [W_1, b_1, ..., W_L, b_L] into a flat vector of ``len(params)`` numbers."""
        return [flat[start:end].reshape(shape) for start, end, shape in self._slices]

    def forward(self, X, params=None):
        """(output, cache): the output of shape (n_samples, sizes[-1]) and what ``backward`` needs."""
        weights = self.unpack(self.params if params is None else params)
        H, cache = np.asarray(X, dtype=float), []
        n_layers = len(weights) // 2
        for layer in range(n_layers):
            A = H @ weights[2 * layer] + weights[2 * layer + 1]
            cache.append((H, A))
            H = A if layer == n_layers - 1 else _act(self.activation, A)
        return H, cache

    def __call__(self, X, params=None) -> np.ndarray:
        return self.forward(X, params)[0]

    def backward(self, cache, d_out, params=None, param_grads: bool = True):
        """(dL/dX, dL/dparams) from dL/d(output); the gradient is a flat vector like ``params``
        (None with ``param_grads=False``, when only dL/dX is wanted: a GAN's generator step)."""
        weights = self.unpack(self.params if params is None else params)
        flat = np.empty_like(self.params) if param_grads else None
        grads = self.unpack(flat) if param_grads else None
        dA = np.asarray(d_out, dtype=float)
        for layer in reversed(range(len(cache))):
            H_prev, _ = cache[layer]
            if param_grads:
                np.matmul(H_prev.T, dA, out=grads[2 * layer])  # dL/dW = H^T dL/dA
                dA.sum(axis=0, out=grads[2 * layer + 1])  # dL/db = sum over the batch
            dH = dA @ weights[2 * layer].T  # dL/dH_prev = dL/dA W^T
            if layer > 0:
                dA = dH * _act_grad(self.activation, cache[layer - 1][1], H_prev)  # through phi
        return dH, flat


class Adam:
    """Adam (Kingma & Ba, 2015, algorithm 1), updating a flat parameter vector in place.

    m <- b1 m + (1 - b1) g,   v <- b2 v + (1 - b2) g^2,
    u_t = lr * m_hat / (sqrt(v_hat) + eps),  m_hat = m / (1 - b1^t),  v_hat = v / (1 - b2^t),
    theta <- theta - u_t,  or with ``optimistic``  theta <- theta - (2 u_t - u_{t-1})

    The optimistic step (Daskalakis et al., 2018, "Training GANs with optimism") corrects each step by
    the last one; in a two-player game it damps the cycling that plain alternating steps fall into.
    """

    def __init__(self, params, lr: float = 1e-3, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8,
                 optimistic: bool = False):
        self.params, self.lr, self.beta1, self.beta2, self.eps = params, lr, beta1, beta2, eps
        self.optimistic = optimistic
        self.m, self.v, self.last = np.zeros_like(params), np.zeros_like(params), np.zeros_like(params)
        self.t = 0

    def __repr__(self) -> str:
        return (f"Adam(lr={self.lr:g}, beta1={self.beta1:g}, beta2={self.beta2:g}, optimistic={self.optimistic}, "
                f"t={self.t})")

    def step(self, grad):
        self.t += 1
        self.m *= self.beta1
        self.m += (1 - self.beta1) * grad
        self.v *= self.beta2
        self.v += (1 - self.beta2) * grad * grad
        c1, c2 = 1 - self.beta1**self.t, 1 - self.beta2**self.t
        update = (self.lr / c1) * self.m / (np.sqrt(self.v / c2) + self.eps)
        if self.optimistic and self.t > 1:
            self.params -= 2 * update - self.last
        else:
            self.params -= update
        self.last = update


# ---- losses: (mean value over the batch, gradients w.r.t. the inputs) ------------------------

def sigmoid(a):
    """1 / (1 + exp(-a)), without overflow for large |a|."""
    a = np.asarray(a, dtype=float)
    e = np.exp(-np.abs(a))
    return np.where(a >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def softplus(a):
    """log(1 + exp(a)), stable: max(a, 0) + log(1 + exp(-|a|))."""
    a = np.asarray(a, dtype=float)
    return np.maximum(a, 0.0) + np.log1p(np.exp(-np.abs(a)))


def logistic_loss(logits, real: bool):
    """Binary cross-entropy of a discriminator's logits l = log P(real|x) / P(fake|x), for one target.

    real: mean of -log sigmoid(l) = softplus(-l);  fake: mean of -log(1 - sigmoid(l)) = softplus(l).
    d softplus(l)/dl = sigmoid(l), so the gradients are (sigmoid(l) - 1) / n and sigmoid(l) / n.

    Returns
    -------
    loss : float;  d_logits : ndarray of the shape of ``logits``
    """
    logits = np.asarray(logits, dtype=float)
    n = logits.shape[0]
    if real:
        return float(np.mean(softplus(-logits))), (sigmoid(logits) - 1.0) / n
    return float(np.mean(softplus(logits))), sigmoid(logits) / n


def gaussian_nll(X, mean, log_var):
    """Negative log-likelihood of X under N(mean, diag(exp(log_var))), summed over features, averaged over rows.

    -log N(x; mu, s^2) = 1/2 [ (x - mu)^2 / s^2 + log s^2 + log 2 pi ]
    d/dmu = (mu - x) / s^2,   d/d log s^2 = 1/2 [ 1 - (x - mu)^2 / s^2 ]

    Returns
    -------
    loss : float;  d_mean, d_log_var : ndarrays of the shape of ``mean``
    """
    n = X.shape[0]
    inv_var = np.exp(-log_var)
    sq = (X - mean) ** 2 * inv_var
    loss = 0.5 * np.sum(sq + log_var + _LOG_2PI) / n
    return float(loss), (mean - X) * inv_var / n, 0.5 * (1.0 - sq) / n


def kl_to_standard_normal(mean, log_var):
    """KL( N(mean, diag(exp(log_var))) || N(0, I) ), summed over latent dimensions, averaged over rows.

    KL = 1/2 sum_j [ exp(log_var_j) + mean_j^2 - 1 - log_var_j ]  (Kingma & Welling, 2014, appendix B)
    d/dmean = mean,   d/dlog_var = 1/2 (exp(log_var) - 1)

    Returns
    -------
    loss : float;  d_mean, d_log_var : ndarrays of the shape of ``mean``
    """
    n = mean.shape[0]
    var = np.exp(log_var)
    loss = 0.5 * np.sum(var + mean**2 - 1.0 - log_var) / n
    return float(loss), mean / n, 0.5 * (var - 1.0) / n
