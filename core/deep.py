"""Two deep generative models of p(x) on 2D points, in numpy: a GAN and a VAE.

Both learn p(x) from X alone (labels play no part) and both can ``sample``. Neither gives p(x):
a GAN has only a sampler and a discriminator, a VAE a lower bound on log p(x) (the ELBO). The
networks, their backpropagation and Adam are in ``core.nn``.

Both work in standardised units z = (x - center) / scale and keep ``snapshots_`` along the way,
so training can be replayed without training again. Seeded: the same ``seed`` gives the same
weights, snapshots and samples.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.nn import MLP, Adam, gaussian_nll, kl_to_standard_normal, logistic_loss, sigmoid

N_FIXED = 400  # the fixed noise batch (GAN) or prior draws (VAE) that every snapshot shows
_LOSS_WINDOW = 25  # snapshots report losses averaged over this many steps before them


def check_points(X) -> np.ndarray:
    """X as a float (n_samples, 2+) array; raise ``ValueError`` with a readable message if no model can learn it."""
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[1] < 1:
        raise ValueError(f"X must be (n_samples, n_features); got shape {X.shape}.")
    if len(X) < 10:
        raise ValueError(f"Only {len(X)} points: a deep generative model needs at least 10 to learn from.")
    if not np.all(np.isfinite(X)):
        raise ValueError("The data contain NaN or infinite coordinates.")
    if np.all(np.ptp(X, axis=0) <= 1e-9 * (1 + np.abs(X).max())):
        raise ValueError("All the points are the same: there is no spread for a model to learn.")
    return X


def _hidden_sizes(hidden) -> tuple:
    sizes = (hidden,) if np.isscalar(hidden) else tuple(hidden)
    if not sizes or min(sizes) < 1:
        raise ValueError(f"hidden must be a positive number of units or a tuple of them; got {hidden!r}.")
    return tuple(int(s) for s in sizes)


class _Deep:
    """What both models share: standardisation, the snapshot schedule, a readable repr."""

    def _standardise(self, X):
        X = check_points(X)
        self.center_ = X.mean(axis=0)
        self.scale_ = np.maximum(X.std(axis=0), 1e-3 * np.max(X.std(axis=0)))  # a flat feature keeps a tiny width
        self.n_features_in_ = X.shape[1]
        return (X - self.center_) / self.scale_

    def _to_x(self, Z) -> np.ndarray:
        return Z * self.scale_ + self.center_

    def _to_z(self, X) -> np.ndarray:
        return (np.asarray(X, dtype=float) - self.center_) / self.scale_

    def _snapshot_steps(self) -> set:
        every = max(1, int(self.snapshot_every))
        return set(range(0, self.n_steps, every)) | {self.n_steps}

    def _train(self, train_step, progress=None):
        """``train_step(step)`` for each of the ``n_steps`` steps, with a snapshot (and a ``progress(step, n_steps)``
        call) before the steps of ``_snapshot_steps`` and after the last."""
        self.snapshots_ = []
        keep = self._snapshot_steps()
        for step in range(self.n_steps + 1):
            if step in keep:
                self.snapshots_.append(self._snapshot(step))
                if progress is not None:
                    progress(step, self.n_steps)
            if step < self.n_steps:
                train_step(step)

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={getattr(self, k)!r}" for k in self._param_names)
        return f"{type(self).__name__}({args})"


@dataclass(frozen=True, eq=False)
class GANSnapshot:
    """The state of a GAN after ``step`` updates.

    samples : ndarray (N_FIXED, 2), float32, the (averaged) generator's output on the fixed noise batch,
        in data units
    push : ndarray (N_FIXED, 2), float32, -dL_G/dx at those samples: where the generator's loss moves them
    d_params, g_params : copies of the two networks' flat weight vectors then
    d_loss, g_loss : the losses, averaged over the steps just before (at equilibrium 2 log 2 and log 2)
    """

    step: int
    samples: np.ndarray
    push: np.ndarray
    d_params: np.ndarray
    g_params: np.ndarray
    d_loss: float
    g_loss: float


class GAN(_Deep):
    """A generative adversarial network (Goodfellow et al., 2014) with the non-saturating generator loss.

    Generator G: noise u ~ N(0, I) -> hidden -> 2, a sample x = G(u). Discriminator D: 2 -> hidden -> 1,
    a logit l(x) with P(real | x) = sigmoid(l(x)). Each step, alternately:

        D minimises  L_D = -mean log sigmoid(l(x_real)) - mean log(1 - sigmoid(l(G(u))))
        G minimises  L_G = -mean log sigmoid(l(G(u)))    (non-saturating: strong gradients while D wins)

    At the ideal equilibrium D says 1/2 everywhere, L_D = 2 log 2 and L_G = log 2. Plain alternating
    steps circle around it instead of settling (Mescheder et al., 2018); two standard remedies are used:
    optimistic Adam steps (``core.nn.Adam``, beta1 = 0.5 as Radford et al., 2016 use for GANs), and
    samples drawn from an exponential moving average of the generator's weights (Yazıcı et al., 2019).

    Parameters
    ----------
    hidden : int or tuple of int, units of each hidden layer, both networks
    noise_dim : dimension of the noise u
    n_steps : alternating updates (one of D, one of G each)
    lr : Adam's step size, both networks
    batch_size : real points (drawn with replacement) and noise draws per update
    seed : seeds the weights, the minibatches and the fixed noise batch
    snapshot_every : steps between two snapshots (step 0 and the last step are always kept)
    ema : weight of the past in the generator's moving average (0: sample from the last weights)
    optimistic : optimistic Adam steps (False: plain Adam)

    Attributes
    ----------
    generator_ : MLP with the averaged weights, the one ``sample`` uses
    discriminator_ : MLP
    snapshots_ : list of GANSnapshot
    d_losses_, g_losses_ : ndarrays of shape (n_steps,), the minibatch losses
    """

    _param_names = ("hidden", "noise_dim", "n_steps", "lr", "batch_size", "seed", "snapshot_every", "ema",
                    "optimistic")

    def __init__(self, hidden=(32, 32), noise_dim: int = 2, n_steps: int = 3000, lr: float = 1e-3,
                 batch_size: int = 64, seed: int = 0, snapshot_every: int = 60, ema: float = 0.99,
                 optimistic: bool = True):
        self.hidden, self.noise_dim, self.n_steps, self.lr = hidden, noise_dim, n_steps, lr
        self.batch_size, self.seed, self.snapshot_every = batch_size, seed, snapshot_every
        self.ema, self.optimistic = ema, optimistic

    def _networks(self, n_features: int, rng):
        sizes = _hidden_sizes(self.hidden)
        self.generator_ = MLP((self.noise_dim, *sizes, n_features), "leaky_relu", rng)
        self.discriminator_ = MLP((n_features, *sizes, 1), "leaky_relu", rng)

    def d_loss_and_grads(self, Z_real, U, d_params=None, g_params=None):
        """(L_D, dL_D/d d_params) for real points ``Z_real`` (standardised) and noise ``U``."""
        D, n = self.discriminator_, len(Z_real)
        logits, cache = D.forward(np.vstack([Z_real, self.generator_(U, g_params)]), d_params)
        loss_real, d_real = logistic_loss(logits[:n], real=True)
        loss_fake, d_fake = logistic_loss(logits[n:], real=False)
        grads = D.backward(cache, np.vstack([d_real, d_fake]), d_params)[1]  # one pass: the two sums add up
        return loss_real + loss_fake, grads

    def g_loss_and_grads(self, U, d_params=None, g_params=None):
        """(L_G, dL_G/d g_params, dL_G/dx at the generated points) for noise ``U``; D is held fixed."""
        D, G = self.discriminator_, self.generator_
        fake, c_gen = G.forward(U, g_params)
        logits, c_disc = D.forward(fake, d_params)
        loss, d_logits = logistic_loss(logits, real=True)  # the generator wants D to say "real"
        d_fake = D.backward(c_disc, d_logits, d_params, param_grads=False)[0]
        return loss, G.backward(c_gen, d_fake, g_params)[1], d_fake

    def fit(self, X, y=None, progress=None):
        """Train on X (``y`` is ignored: a GAN learns p(x)). ``progress(step, n_steps)`` is called now and then."""
        Z = self._standardise(X)
        rng = np.random.default_rng(self.seed)
        self._networks(Z.shape[1], rng)
        self.fixed_noise_ = rng.standard_normal((N_FIXED, self.noise_dim))
        g_train = self.generator_.params.copy()  # the weights being trained; generator_ holds their average
        d_opt = Adam(self.discriminator_.params, self.lr, beta1=0.5, optimistic=self.optimistic)
        g_opt = Adam(g_train, self.lr, beta1=0.5, optimistic=self.optimistic)
        self.d_losses_, self.g_losses_ = np.zeros(self.n_steps), np.zeros(self.n_steps)

        def train_step(step):
            batch = Z[rng.integers(len(Z), size=self.batch_size)]
            U = rng.standard_normal((self.batch_size, self.noise_dim))
            self.d_losses_[step], d_grads = self.d_loss_and_grads(batch, U, g_params=g_train)
            d_opt.step(d_grads)
            U = rng.standard_normal((self.batch_size, self.noise_dim))
            self.g_losses_[step], g_grads, _ = self.g_loss_and_grads(U, g_params=g_train)
            g_opt.step(g_grads)
            self.generator_.params *= self.ema  # average <- ema * average + (1 - ema) * trained
            self.generator_.params += (1 - self.ema) * g_train

        self._train(train_step, progress)
        return self

    def _snapshot(self, step: int) -> GANSnapshot:
        _, _, d_fake = self.g_loss_and_grads(self.fixed_noise_)
        window = slice(max(0, step - _LOSS_WINDOW), step)
        d_loss = float(np.mean(self.d_losses_[window])) if step else np.nan
        g_loss = float(np.mean(self.g_losses_[window])) if step else np.nan
        return GANSnapshot(step, self._to_x(self.generator_(self.fixed_noise_)).astype(np.float32),
                           (-d_fake * N_FIXED / self.scale_).astype(np.float32),  # per point, in data units
                           self.discriminator_.params.copy(), self.generator_.params.copy(), d_loss, g_loss)

    def sample(self, n_samples: int, rng=None) -> np.ndarray:
        """``n_samples`` new points x = G(u), u ~ N(0, I): an array of shape (n_samples, 2)."""
        U = np.random.default_rng(rng).standard_normal((int(n_samples), self.noise_dim))
        return self._to_x(self.generator_(U))

    def discriminator_proba(self, X, snapshot: int | None = None) -> np.ndarray:
        """P(real | x) = sigmoid(l(x)) of shape (n_samples,): the final discriminator, or ``snapshots_[snapshot]``'s."""
        params = None if snapshot is None else self.snapshots_[snapshot].d_params
        return sigmoid(self.discriminator_(self._to_z(X), params)[:, 0])


@dataclass(frozen=True, eq=False)
class VAESnapshot:
    """The state of a VAE after ``step`` updates.

    samples : ndarray (N_FIXED, 2), float32, fixed prior draws z decoded with fixed decoder noise (data units)
    enc_params, dec_params : copies of the two networks' flat weight vectors then
    elbo, reconstruction, kl : averaged over the steps just before, in nats per point, data units;
        elbo = -reconstruction - kl, whatever beta is (beta only weights the KL in training)
    """

    step: int
    samples: np.ndarray
    enc_params: np.ndarray
    dec_params: np.ndarray
    elbo: float
    reconstruction: float
    kl: float


class VAE(_Deep):
    """A variational autoencoder (Kingma & Welling, 2014) with Gaussian encoder and decoder.

    Encoder q(z | x) = N(mu(x), diag exp(s(x))), decoder p(x | z) = N(m(z), diag exp(t(z))), prior
    p(z) = N(0, I). Training minimises, by the reparameterisation z = mu + exp(s / 2) * eps, eps ~ N(0, I),

        L = E_q[-log p(x | z)] + beta * KL(q(z | x) || p(z))

    For beta = 1, -L is the ELBO, a lower bound on log p(x); a larger beta pulls every q(z | x) towards the
    prior (Higgins et al., 2017), the decoder learns to ignore z, and samples blur. The KL weight grows from
    0 to beta over the first ``warmup`` of the steps (KL annealing, Bowman et al., 2016): started at full
    weight, the codes can settle on fewer dimensions than the data need and stay there.

    Parameters
    ----------
    hidden : int or tuple of int, units of each hidden layer, both networks
    latent_dim : dimension of z
    beta : weight of the KL term
    n_steps, lr, batch_size, seed, snapshot_every : as for ``GAN``
    warmup : fraction of the steps over which the KL weight rises linearly from 0 to beta (0: none)

    Attributes
    ----------
    encoder_, decoder_ : MLP, each with 2 * latent_dim (resp. 2 * n_features) outputs: means, then log-variances
    snapshots_ : list of VAESnapshot
    reconstructions_, kls_ : ndarrays of shape (n_steps,), the minibatch terms (reconstruction in data units)
    """

    _param_names = ("hidden", "latent_dim", "beta", "n_steps", "lr", "batch_size", "seed", "snapshot_every",
                    "warmup")

    def __init__(self, hidden=(32, 32), latent_dim: int = 2, beta: float = 1.0, n_steps: int = 3000,
                 lr: float = 1e-3, batch_size: int = 64, seed: int = 0, snapshot_every: int = 60,
                 warmup: float = 0.3):
        self.hidden, self.latent_dim, self.beta, self.n_steps, self.lr = hidden, latent_dim, beta, n_steps, lr
        self.batch_size, self.seed, self.snapshot_every, self.warmup = batch_size, seed, snapshot_every, warmup

    def _networks(self, n_features: int, rng):
        sizes = _hidden_sizes(self.hidden)
        self.encoder_ = MLP((n_features, *sizes, 2 * self.latent_dim), "leaky_relu", rng)
        self.decoder_ = MLP((self.latent_dim, *sizes, 2 * n_features), "leaky_relu", rng)

    def loss_and_grads(self, Z_data, eps, enc_params=None, dec_params=None, beta=None):
        """(reconstruction, kl, and the gradients of reconstruction + beta * kl w.r.t. enc_params and dec_params).

        ``Z_data`` standardised points, ``eps`` the reparameterisation noise of shape (n_samples, latent_dim),
        ``beta`` the KL weight (default: ``self.beta``).
        """
        E, Dec, k = self.encoder_, self.decoder_, self.latent_dim
        out_e, c_enc = E.forward(Z_data, enc_params)
        mu, s = out_e[:, :k], out_e[:, k:]
        sd = np.exp(0.5 * s)
        z = mu + sd * eps  # the reparameterisation trick: z is a differentiable function of (mu, s)
        out_d, c_dec = Dec.forward(z, dec_params)
        d = Z_data.shape[1]
        rec, d_m, d_t = gaussian_nll(Z_data, out_d[:, :d], out_d[:, d:])
        kl, d_mu_kl, d_s_kl = kl_to_standard_normal(mu, s)
        d_z, dec_grads = Dec.backward(c_dec, np.hstack([d_m, d_t]), dec_params)
        beta = self.beta if beta is None else beta
        d_mu = d_z + beta * d_mu_kl  # dz/dmu = 1
        d_s = d_z * eps * 0.5 * sd + beta * d_s_kl  # dz/ds = eps * exp(s / 2) / 2
        enc_grads = E.backward(c_enc, np.hstack([d_mu, d_s]), enc_params)[1]
        return rec, kl, enc_grads, dec_grads

    def fit(self, X, y=None, progress=None):
        """Train on X (``y`` is ignored: a VAE learns p(x)). ``progress(step, n_steps)`` is called now and then."""
        Z = self._standardise(X)
        rng = np.random.default_rng(self.seed)
        self._networks(Z.shape[1], rng)
        self.fixed_z_ = rng.standard_normal((N_FIXED, self.latent_dim))
        self.fixed_eps_ = rng.standard_normal((N_FIXED, Z.shape[1]))
        enc_opt, dec_opt = Adam(self.encoder_.params, self.lr), Adam(self.decoder_.params, self.lr)
        self.reconstructions_, self.kls_ = np.zeros(self.n_steps), np.zeros(self.n_steps)

        def train_step(step):
            warm = min(1.0, step / (self.warmup * self.n_steps)) if self.warmup > 0 else 1.0
            batch = Z[rng.integers(len(Z), size=self.batch_size)]
            rec, kl, enc_grads, dec_grads = self.loss_and_grads(
                batch, rng.standard_normal((self.batch_size, self.latent_dim)), beta=self.beta * warm)
            enc_opt.step(enc_grads)
            dec_opt.step(dec_grads)
            self.reconstructions_[step], self.kls_[step] = rec, kl

        self._train(train_step, progress)
        self.reconstructions_ += np.sum(np.log(self.scale_))  # -log p(x|z) in data units: the Jacobian of x -> z
        return self

    def _snapshot(self, step: int) -> VAESnapshot:
        window = slice(max(0, step - _LOSS_WINDOW), step)
        if step:
            rec = float(np.mean(self.reconstructions_[window])) + float(np.sum(np.log(self.scale_)))
            kl = float(np.mean(self.kls_[window]))
        else:
            rec = kl = np.nan
        return VAESnapshot(step, self._decode_sample(self.fixed_z_, self.fixed_eps_).astype(np.float32),
                           self.encoder_.params.copy(), self.decoder_.params.copy(),
                           -rec - kl, rec, kl)

    def _decoded(self, Z_latent, dec_params=None):
        out = self.decoder_(np.asarray(Z_latent, dtype=float), dec_params)
        d = self.n_features_in_
        return out[:, :d], out[:, d:]

    def _decode_sample(self, Z_latent, eps, dec_params=None) -> np.ndarray:
        mean, log_var = self._decoded(Z_latent, dec_params)
        return self._to_x(mean + np.exp(0.5 * log_var) * eps)

    def sample(self, n_samples: int, rng=None) -> np.ndarray:
        """z ~ N(0, I), then x ~ p(x | z) with the decoder's noise: an array of shape (n_samples, 2)."""
        rng = np.random.default_rng(rng)
        Z_latent = rng.standard_normal((int(n_samples), self.latent_dim))
        return self._decode_sample(Z_latent, rng.standard_normal((int(n_samples), self.n_features_in_)))

    def encode(self, X, snapshot: int | None = None):
        """(means, log-variances) of q(z | x), each of shape (n_samples, latent_dim)."""
        params = None if snapshot is None else self.snapshots_[snapshot].enc_params
        out = self.encoder_(self._to_z(X), params)
        return out[:, :self.latent_dim], out[:, self.latent_dim:]

    def decode(self, Z_latent, snapshot: int | None = None) -> np.ndarray:
        """The decoder's mean m(z) in data units, of shape (n_samples, 2): no decoder noise."""
        params = None if snapshot is None else self.snapshots_[snapshot].dec_params
        return self._to_x(self._decoded(Z_latent, params)[0])

    def elbo(self, X, rng=None, n_draws: int = 8) -> np.ndarray:
        """The ELBO per point, a lower bound on log p(x) (data units), averaged over ``n_draws`` draws of z."""
        rng = np.random.default_rng(rng)
        Z_data = self._to_z(X)
        mu, s = self.encode(X)
        kl = 0.5 * np.sum(np.exp(s) + mu**2 - 1.0 - s, axis=1)
        rec = np.zeros(len(Z_data))
        for _ in range(n_draws):
            z = mu + np.exp(0.5 * s) * rng.standard_normal(mu.shape)
            mean, log_var = self._decoded(z)
            rec += 0.5 * np.sum((Z_data - mean) ** 2 * np.exp(-log_var) + log_var + np.log(2 * np.pi), axis=1)
        return -rec / n_draws - kl - np.sum(np.log(self.scale_))
