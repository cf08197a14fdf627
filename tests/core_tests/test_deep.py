"""core/nn.py and core/deep.py: every gradient against finite differences, seeds, shapes, one quality check."""

import numpy as np
import pytest

from core.deep import GAN, VAE, check_points
from core.evaluation import two_sample_accuracy
from core.nn import MLP, Adam, gaussian_nll, kl_to_standard_normal, logistic_loss, sigmoid, softplus

H = 1e-6


def numeric_grad(f, x: np.ndarray) -> np.ndarray:
    """Central differences of the scalar f() with respect to every entry of x (changed in place, restored)."""
    out = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        old = x[idx]
        x[idx] = old + H
        up = f()
        x[idx] = old - H
        down = f()
        x[idx] = old
        out[idx] = (up - down) / (2 * H)
    return out


def assert_close(analytic, numeric):
    assert np.allclose(analytic, numeric, rtol=1e-4, atol=1e-7), np.max(np.abs(analytic - numeric))


@pytest.fixture
def rng():
    return np.random.default_rng(0)


def two_blobs(n=500, seed=0):
    """The issue's yardstick: centres (±2, 0), standard deviation 0.5."""
    rng = np.random.default_rng(seed)
    centres = np.where(rng.integers(2, size=n)[:, None] == 0, [[-2.0, 0.0]], [[2.0, 0.0]])
    return centres + 0.5 * rng.standard_normal((n, 2))


# ---- layers and losses -----------------------------------------------------------------------

@pytest.mark.parametrize("activation", ["leaky_relu", "tanh"])
def test_mlp_backward_matches_finite_differences(activation, rng):
    net = MLP((2, 4, 3, 2), activation, rng)
    X, R = rng.standard_normal((5, 2)), rng.standard_normal((5, 2))
    loss = lambda: float(np.sum(net(X) * R))  # dL/d out = R
    d_X, grads = net.backward(net.forward(X)[1], R)
    assert_close(grads, numeric_grad(loss, net.params))
    assert_close(d_X, numeric_grad(loss, X))


def test_mlp_shapes_and_flat_parameters(rng):
    net = MLP((3, 5, 1), rng=rng)
    assert net.params.shape == (3 * 5 + 5 + 5 * 1 + 1,)
    assert [w.shape for w in net.unpack(net.params)] == [(3, 5), (5,), (5, 1), (1,)]
    assert net(np.zeros((7, 3))).shape == (7, 1)
    assert repr(net) == "MLP(3-5-1, leaky_relu)"


def test_unknown_activation_is_refused():
    with pytest.raises(ValueError, match="Unknown activation"):
        MLP((2, 2), "relu6")


@pytest.mark.parametrize("real", [True, False])
def test_logistic_loss_value_and_gradient(real, rng):
    logits = rng.standard_normal((6, 1)) * 3
    loss, grad = logistic_loss(logits, real)
    p = sigmoid(logits)
    assert np.isclose(loss, -np.mean(np.log(p if real else 1 - p)))
    assert_close(grad, numeric_grad(lambda: logistic_loss(logits, real)[0], logits))


def test_sigmoid_and_softplus_are_stable_far_out():
    a = np.array([-800.0, 0.0, 800.0])
    assert np.allclose(sigmoid(a), [0.0, 0.5, 1.0]) and np.allclose(softplus(a), [0.0, np.log(2), 800.0])


def test_gaussian_nll_value_and_gradients(rng):
    X, mean, log_var = rng.standard_normal((4, 2)), rng.standard_normal((4, 2)), rng.standard_normal((4, 2))
    loss, d_mean, d_log_var = gaussian_nll(X, mean, log_var)
    sd = np.exp(0.5 * log_var)
    density = np.exp(-((X - mean) / sd) ** 2 / 2) / (sd * np.sqrt(2 * np.pi))
    assert np.isclose(loss, -np.sum(np.log(density)) / 4)
    assert_close(d_mean, numeric_grad(lambda: gaussian_nll(X, mean, log_var)[0], mean))
    assert_close(d_log_var, numeric_grad(lambda: gaussian_nll(X, mean, log_var)[0], log_var))


def test_kl_to_standard_normal_value_and_gradients(rng):
    mean, log_var = rng.standard_normal((3, 2)), rng.standard_normal((3, 2))
    loss, d_mean, d_log_var = kl_to_standard_normal(mean, log_var)
    var = np.exp(log_var)  # closed form per dimension: log(1/s) + (s^2 + m^2)/2 - 1/2
    assert np.isclose(loss, np.sum(-0.5 * log_var + (var + mean**2) / 2 - 0.5) / 3)
    assert_close(d_mean, numeric_grad(lambda: kl_to_standard_normal(mean, log_var)[0], mean))
    assert_close(d_log_var, numeric_grad(lambda: kl_to_standard_normal(mean, log_var)[0], log_var))
    assert kl_to_standard_normal(np.zeros((2, 2)), np.zeros((2, 2)))[0] == 0.0


def test_adam_first_step_moves_each_weight_by_lr_against_its_gradient_sign():
    params, grad = np.array([1.0, -2.0, 3.0]), np.array([0.5, -4.0, 1e-3])
    Adam(params, lr=0.1).step(grad)
    assert np.allclose(params, [0.9, -1.9, 2.9], atol=1e-4)  # m_hat / sqrt(v_hat) = sign(g) at t = 1


@pytest.mark.parametrize(("optimistic", "end"), [(False, 0.0), (True, 0.2)])
def test_an_optimistic_step_subtracts_twice_the_step_minus_the_last(optimistic, end):
    params = np.zeros(1)
    opt = Adam(params, lr=0.1, beta1=0.0, optimistic=optimistic)
    opt.step(np.array([1.0]))  # u_1 = +0.1 (the first step is plain either way)
    opt.step(np.array([-1.0]))  # u_2 = -0.1; optimistic: 2 u_2 - u_1 = -0.3
    assert np.allclose(params, end, atol=1e-6)


# ---- the two models' losses, end to end ------------------------------------------------------

def _tiny(model_cls, X, **kw):
    """A model with tiny networks whose weights are set by fitting 0 steps (fit builds the networks)."""
    return model_cls(hidden=(3, 2), n_steps=0, batch_size=4, **kw).fit(X)


def test_gan_discriminator_gradient_matches_finite_differences(rng):
    X = rng.standard_normal((12, 2))
    gan = _tiny(GAN, X)
    Z, U = gan._to_z(X[:5]), rng.standard_normal((4, 2))
    d = gan.discriminator_.params
    _, grads = gan.d_loss_and_grads(Z, U)
    assert_close(grads, numeric_grad(lambda: gan.d_loss_and_grads(Z, U)[0], d))


def test_gan_generator_gradient_matches_finite_differences(rng):
    gan = _tiny(GAN, rng.standard_normal((12, 2)), noise_dim=3)
    U = rng.standard_normal((5, 3))
    _, grads, _ = gan.g_loss_and_grads(U)
    assert_close(grads, numeric_grad(lambda: gan.g_loss_and_grads(U)[0], gan.generator_.params))


@pytest.mark.parametrize("beta", [1.0, 4.0])
def test_vae_gradients_match_finite_differences(beta, rng):
    X = rng.standard_normal((12, 2))
    vae = _tiny(VAE, X, beta=beta)
    Z, eps = vae._to_z(X[:5]), rng.standard_normal((5, 2))

    def objective():
        rec, kl, _, _ = vae.loss_and_grads(Z, eps)
        return rec + beta * kl

    _, _, enc_grads, dec_grads = vae.loss_and_grads(Z, eps)
    assert_close(enc_grads, numeric_grad(objective, vae.encoder_.params))
    assert_close(dec_grads, numeric_grad(objective, vae.decoder_.params))


# ---- seeds, shapes, snapshots, bad input -----------------------------------------------------

@pytest.fixture(scope="module")
def blobs():
    return two_blobs(200)


@pytest.fixture(scope="module")
def short_gan(blobs):
    return GAN(n_steps=60, snapshot_every=20, seed=3).fit(blobs)


@pytest.fixture(scope="module")
def short_vae(blobs):
    return VAE(n_steps=60, snapshot_every=20, seed=3).fit(blobs)


@pytest.mark.parametrize("cls", [GAN, VAE])
def test_the_same_seed_gives_the_same_model_and_samples(cls, blobs):
    a, b = (cls(n_steps=30, seed=7).fit(blobs) for _ in range(2))
    assert np.array_equal(a.sample(20, 1), b.sample(20, 1))
    assert not np.array_equal(a.sample(20, 1), cls(n_steps=30, seed=8).fit(blobs).sample(20, 1))


def test_gan_shapes_probabilities_and_snapshots(short_gan, blobs):
    assert short_gan.sample(17, np.random.default_rng(0)).shape == (17, 2)
    proba = short_gan.discriminator_proba(blobs)
    assert proba.shape == (200,) and np.all((proba >= 0) & (proba <= 1))
    assert [s.step for s in short_gan.snapshots_] == [0, 20, 40, 60]
    first, last = short_gan.snapshots_[0], short_gan.snapshots_[-1]
    assert first.samples.shape == last.push.shape == (400, 2) and np.isnan(first.d_loss)
    assert np.isfinite([last.d_loss, last.g_loss]).all()
    assert np.allclose(short_gan.discriminator_proba(blobs, snapshot=-1), proba)  # the last snapshot is the end
    assert not np.allclose(short_gan.discriminator_proba(blobs, snapshot=0), proba)


def test_vae_shapes_and_snapshots(short_vae, blobs):
    means, log_vars = short_vae.encode(blobs[:9])
    assert means.shape == log_vars.shape == (9, 2)
    assert short_vae.decode(means).shape == (9, 2) and short_vae.sample(11, 0).shape == (11, 2)
    last = short_vae.snapshots_[-1]
    assert np.isclose(last.elbo, -last.reconstruction - last.kl) and last.kl >= 0
    assert np.allclose(short_vae.decode(means, snapshot=-1), short_vae.decode(means))
    assert short_vae.elbo(blobs[:5], rng=0).shape == (5,)


def test_sampling_follows_its_rng(short_gan, short_vae):
    for model in (short_gan, short_vae):
        assert np.array_equal(model.sample(5, 4), model.sample(5, np.random.default_rng(4)))
        assert not np.array_equal(model.sample(5, 4), model.sample(5, 5))


def test_progress_is_reported_up_to_the_last_step(blobs):
    seen = []
    VAE(n_steps=40, snapshot_every=10).fit(blobs, progress=lambda step, n: seen.append((step, n)))
    assert seen[0] == (0, 40) and seen[-1] == (40, 40)


@pytest.mark.parametrize(("X", "message"), [
    (np.ones((50, 2)), "All the points are the same"),
    (np.zeros((5, 2)), "at least 10"),
    (np.array([[0.0, np.nan]] * 20), "NaN"),
    (np.zeros(20), "n_samples, n_features"),
])
def test_bad_data_is_refused_with_a_readable_message(X, message):
    with pytest.raises(ValueError, match=message):
        check_points(X)
    with pytest.raises(ValueError, match=message):
        GAN(n_steps=5).fit(X)


def test_repr_lists_the_settings():
    assert repr(VAE(beta=4.0)).startswith("VAE(hidden=(32, 32), latent_dim=2, beta=4.0")
    assert "ema=0.99, optimistic=True" in repr(GAN())


def test_the_generator_samples_with_the_moving_average_of_its_weights(blobs):
    plain, averaged = GAN(n_steps=40, ema=0.0).fit(blobs), GAN(n_steps=40, ema=0.9).fit(blobs)
    assert np.allclose(plain.snapshots_[0].samples, averaged.snapshots_[0].samples)  # same start
    assert not np.allclose(plain.sample(5, 0), averaged.sample(5, 0))
    frozen = GAN(n_steps=40, ema=1.0).fit(blobs)  # an average that never moves keeps the initial weights
    assert np.allclose(frozen.snapshots_[-1].g_params, frozen.snapshots_[0].g_params)


# ---- quality (the GAN's measurement is in bench/bench_deep.py: it takes longer) ----------------

def test_vae_with_its_defaults_covers_both_blobs_and_is_hard_to_tell_from_them():
    X = two_blobs()
    samples = VAE().fit(X).sample(500, np.random.default_rng(1))
    left = np.mean(samples[:, 0] < 0)
    assert 0.2 <= left <= 0.8
    assert two_sample_accuracy(X, samples) <= 0.70


def test_every_figure_of_the_page_passes_plotly_validation(short_gan, short_vae, blobs):
    """figures_deep builds figures unvalidated (fast); rebuilt with validation, a misspelt property fails here."""
    import plotly.graph_objects as go

    from core.deep_eval import latent_mesh
    from core.figures import deep as figs
    from core.surfaces import make_grid

    grid = make_grid(blobs, 20)
    snap = short_gan.snapshots_[-1]
    proba = short_gan.discriminator_proba(grid.points).reshape(grid.shape)
    y = (blobs[:, 0] > 0).astype(int)
    built = [figs.gan_figure(grid, proba, blobs, snap.samples, snap.push),
             figs.curves_figure(np.arange(60), {"L_D": short_gan.d_losses_}, 30, {"2 log 2": 1.386}),
             figs.vae_data_figure(grid, blobs, short_vae.sample(50, 0), [short_vae.decode(m) for m in latent_mesh()]),
             figs.latent_figure(short_vae.encode(blobs)[0], y, ("A", "B"), latent_mesh()),
             figs.explicit_figure(grid, -np.sum(grid.points**2, 1).reshape(grid.shape), blobs, blobs[:10]),
             figs.regions_figure(np.zeros((4, 2)), {"real": np.full(4, 0.25), "generated": np.full(4, 0.25)})]
    for fig in built:
        go.Figure(fig.to_dict())  # raises on an unknown property or a bad value
