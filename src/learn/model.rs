//! Elastic-net logistic regression over sparse features (presence, or a
//! count's logarithm), fitted by
//! coordinate descent along a path of penalties (the method of glmnet:
//! Friedman, Hastie and Tibshirani, "Regularization Paths for Generalized
//! Linear Models via Coordinate Descent", 2010), stopped where the model
//! would use more features than a person can read; then the features it
//! chose are refitted with a light ridge penalty only, so that the
//! weights are not shrunk towards zero and the probabilities stay
//! calibrated (the "relaxed lasso").

/// Features, column by column: the examples each feature is present in,
/// in increasing order, and its value in each (1 for a binary feature).
#[derive(Debug, Default)]
pub(crate) struct Columns {
    pub(crate) examples: usize,
    pub(crate) cols: Vec<Vec<(u32, f64)>>,
}

/// A fitted model: the bias and the features it uses, with weights
/// (log-odds).
#[derive(Clone, Debug, Default)]
pub(crate) struct Fit {
    pub(crate) bias: f64,
    pub(crate) weights: Vec<(usize, f64)>,
}

/// How the model is fitted.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Settings {
    /// The most features the model may use.
    pub(crate) max_terms: usize,
    /// The share of the penalty that is L1 (the rest is L2), in (0, 1].
    pub(crate) l1_ratio: f64,
    /// The ridge penalty of the refit: `ridge / 2 * |w|^2` added to the
    /// summed log-loss (so its pull weakens as examples grow).
    pub(crate) ridge: f64,
}

/// The penalties of the path, from the one that keeps every weight at
/// zero down to this share of it.
const PATH_END: f64 = 1e-3;
const PATH_STEPS: usize = 80;
/// How often a step of the path that takes too many features is halved.
const BISECTIONS: usize = 4;
/// Iteration limits, and the change of a weight (times its curvature)
/// under which coordinate descent has converged.
const MAX_IRLS: usize = 25;
const MAX_SWEEPS: usize = 200;
const TOLERANCE: f64 = 1e-6;
/// The most times a Newton step is halved looking for a lower loss.
const MAX_HALVINGS: i32 = 30;
/// The largest change of one weight in one step, in log-odds.
const MAX_STEP: f64 = 1.0;

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// The working state of one fit.
struct State<'a> {
    cols: &'a Columns,
    y: &'a [bool],
    w: Vec<f64>,
    bias: f64,
    /// The linear predictor of each example.
    eta: Vec<f64>,
}

impl<'a> State<'a> {
    fn new(cols: &'a Columns, y: &'a [bool]) -> State<'a> {
        let n = cols.examples as f64;
        let pos = y.iter().filter(|&&b| b).count() as f64;
        let mean = ((pos + 0.5) / (n + 1.0)).clamp(1e-6, 1.0 - 1e-6);
        let bias = (mean / (1.0 - mean)).ln();
        State {
            cols,
            y,
            w: vec![0.0; cols.cols.len()],
            bias,
            eta: vec![bias; cols.examples],
        }
    }

    /// Minimises the penalised loss for penalties `l1` and `l2` (per
    /// example) over the features in `allowed` (all when `None`).
    fn solve(&mut self, l1: f64, l2: f64, allowed: Option<&[usize]>) {
        let all: Vec<usize>;
        let features: &[usize] = match allowed {
            Some(f) => f,
            None => {
                all = (0..self.cols.cols.len()).collect();
                &all
            }
        };
        let mut v = vec![0.0; self.cols.examples];
        let mut r = vec![0.0; self.cols.examples];
        for _ in 0..MAX_IRLS {
            self.approximate(&mut v, &mut r);
            let before = (self.w.clone(), self.bias, self.objective(l1, l2));
            let mut moved = self.descend(features, l1, l2, &v, &mut r);
            let halvings = self.backtrack(before, l1, l2);
            // The step taken is half as long for each halving: its change
            // a quarter.
            moved *= 0.25f64.powi(halvings);
            // Converged, or no step down the loss can be found; a halved
            // step is a new point to approximate the loss at, not the end.
            if moved < TOLERANCE || halvings == MAX_HALVINGS {
                break;
            }
        }
    }

    /// The quadratic approximation of the loss at the current weights:
    /// weights `v` and working residuals `r = (y - p) / v`.
    fn approximate(&self, v: &mut [f64], r: &mut [f64]) {
        for i in 0..self.cols.examples {
            let p = sigmoid(self.eta[i]);
            v[i] = (p * (1.0 - p)).max(1e-5);
            r[i] = (f64::from(u8::from(self.y[i])) - p) / v[i];
        }
    }

    /// Coordinate descent on the approximation: a sweep over every
    /// feature, then sweeps over those in use until they settle, then
    /// another full sweep to check that no other feature wants in. Returns
    /// the largest change of a full sweep.
    fn descend(&mut self, features: &[usize], l1: f64, l2: f64, v: &[f64], r: &mut [f64]) -> f64 {
        let mut moved = 0.0f64;
        for _ in 0..MAX_SWEEPS {
            let full = self.sweep(features, l1, l2, v, r);
            moved = moved.max(full);
            if full < TOLERANCE {
                break;
            }
            let active: Vec<usize> = features
                .iter()
                .copied()
                .filter(|&j| self.w[j] != 0.0)
                .collect();
            for _ in 0..MAX_SWEEPS {
                if self.sweep(&active, l1, l2, v, r) < TOLERANCE {
                    break;
                }
            }
        }
        moved
    }

    /// Newton's step on the approximation can overshoot where the data
    /// are (nearly) separable: halves it, back towards the weights
    /// `before` it, until the penalised loss goes down (at most
    /// [`MAX_HALVINGS`] times). Returns how many halvings it took.
    fn backtrack(&mut self, before: (Vec<f64>, f64, f64), l1: f64, l2: f64) -> i32 {
        let (w0, b0, obj0) = before;
        let mut halvings = 0;
        while self.objective(l1, l2) > obj0 + 1e-12 && halvings < MAX_HALVINGS {
            for (w, old) in self.w.iter_mut().zip(&w0) {
                *w = 0.5 * (*w + old);
            }
            self.bias = 0.5 * (self.bias + b0);
            self.recompute_eta();
            halvings += 1;
        }
        halvings
    }

    /// The linear predictor of every example, from the weights.
    fn recompute_eta(&mut self) {
        self.eta.iter_mut().for_each(|e| *e = self.bias);
        for (j, col) in self.cols.cols.iter().enumerate() {
            let w = self.w[j];
            if w != 0.0 {
                for &(i, x) in col {
                    self.eta[i as usize] += w * x;
                }
            }
        }
    }

    /// The mean log-loss plus the penalties.
    fn objective(&self, l1: f64, l2: f64) -> f64 {
        let n = self.cols.examples as f64;
        let loss: f64 = self
            .eta
            .iter()
            .zip(self.y)
            .map(|(&e, &y)| {
                // log(1 + e^e) - y e, computed stably.
                let softplus = if e > 0.0 {
                    e + (-e).exp().ln_1p()
                } else {
                    e.exp().ln_1p()
                };
                softplus - if y { e } else { 0.0 }
            })
            .sum();
        let (a, b): (f64, f64) = self
            .w
            .iter()
            .fold((0.0, 0.0), |(a, b), w| (a + w.abs(), b + w * w));
        loss / n + l1 * a + 0.5 * l2 * b
    }

    /// One round of coordinate descent over `features` and the bias;
    /// returns the largest change (times its curvature).
    fn sweep(&mut self, features: &[usize], l1: f64, l2: f64, v: &[f64], r: &mut [f64]) -> f64 {
        let n = self.cols.examples as f64;
        let mut biggest = 0.0f64;
        for &j in features {
            let col = &self.cols.cols[j];
            let (mut g, mut h) = (0.0, 0.0);
            for &(i, x) in col {
                let i = i as usize;
                g += v[i] * x * (r[i] + self.w[j] * x);
                h += v[i] * x * x;
            }
            let (g, h) = (g / n, h / n);
            let soft = g.signum() * (g.abs() - l1).max(0.0);
            // A step of at most MAX_STEP: where the approximation is poor
            // (examples predicted with near certainty), a full Newton step
            // can overshoot and diverge.
            let d = (soft / (h + l2) - self.w[j]).clamp(-MAX_STEP, MAX_STEP);
            let new = self.w[j] + d;
            if d != 0.0 {
                self.w[j] = new;
                for &(i, x) in col {
                    r[i as usize] -= d * x;
                    self.eta[i as usize] += d * x;
                }
                biggest = biggest.max(d * d * h);
            }
        }
        // The bias, unpenalised.
        let g: f64 = v.iter().zip(r.iter()).map(|(v, r)| v * r).sum();
        let h: f64 = v.iter().sum();
        if h > 0.0 {
            let d = (g / h).clamp(-MAX_STEP, MAX_STEP);
            self.bias += d;
            r.iter_mut().for_each(|r| *r -= d);
            self.eta.iter_mut().for_each(|e| *e += d);
            biggest = biggest.max(d * d * h / n);
        }
        biggest
    }

    fn nonzero(&self) -> Vec<usize> {
        (0..self.w.len()).filter(|&j| self.w[j] != 0.0).collect()
    }
}

/// Fits a model of `y` on the features of `cols` that uses at most
/// `settings.max_terms` of them.
pub(crate) fn fit(cols: &Columns, y: &[bool], settings: &Settings) -> Fit {
    let n = cols.examples as f64;
    if cols.examples == 0 {
        return Fit::default();
    }
    let mut state = State::new(cols, y);
    let chosen = lasso_path(&mut state, cols, y, settings);
    // The relaxed refit: the chosen features, a ridge penalty only.
    let mut refit = State::new(cols, y);
    if !chosen.is_empty() {
        refit.solve(0.0, settings.ridge / n, Some(&chosen));
    }
    Fit {
        bias: refit.bias,
        weights: chosen
            .into_iter()
            .map(|j| (j, refit.w[j]))
            .filter(|&(_, w)| w != 0.0)
            .collect(),
    }
}

/// Follows the elastic-net path from the smallest penalty that keeps
/// every weight at zero down towards [`PATH_END`] of it, and returns the
/// features of the last model on the path with at most
/// `settings.max_terms` of them.
fn lasso_path(state: &mut State, cols: &Columns, y: &[bool], settings: &Settings) -> Vec<usize> {
    let n = cols.examples as f64;
    let alpha = settings.l1_ratio.clamp(1e-3, 1.0);
    // The smallest penalty that keeps every weight at zero.
    let p0 = sigmoid(state.bias);
    let lambda_max = cols
        .cols
        .iter()
        .map(|c| {
            c.iter()
                .map(|&(i, x)| x * (f64::from(u8::from(y[i as usize])) - p0))
                .sum::<f64>()
                .abs()
                / n
        })
        .fold(0.0, f64::max)
        / alpha;
    let mut chosen: Vec<usize> = Vec::new();
    if lambda_max > 0.0 {
        let lambda_at = |k: f64| lambda_max * PATH_END.powf(k / PATH_STEPS as f64);
        let mut last_fit = 0.0;
        for k in 1..=PATH_STEPS {
            let lambda = lambda_at(k as f64);
            let before = (state.w.clone(), state.bias, state.eta.clone());
            state.solve(lambda * alpha, lambda * (1.0 - alpha), None);
            let nz = state.nonzero();
            if nz.len() <= settings.max_terms {
                chosen = nz;
                last_fit = k as f64;
                continue;
            }
            // Past the limit: many features can enter in one step of the
            // path. Halve the step from the last model within the limit
            // a few times, to stop as close to the limit as the path goes.
            let (mut lo, mut hi) = (last_fit, k as f64);
            for _ in 0..BISECTIONS {
                (state.w, state.bias, state.eta) = before.clone();
                let mid = 0.5 * (lo + hi);
                let lambda = lambda_at(mid);
                state.solve(lambda * alpha, lambda * (1.0 - alpha), None);
                let nz = state.nonzero();
                if nz.len() <= settings.max_terms {
                    chosen = nz;
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            break;
        }
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Feature 0 is present exactly in the positive examples, feature 1
    /// in every other example, feature 2 in all of them.
    fn toy() -> (Columns, Vec<bool>) {
        let y: Vec<bool> = (0..40).map(|i| i % 4 == 0).collect();
        let present = |keep: fn(&u32) -> bool| (0..40).filter(keep).map(|i| (i, 1.0)).collect();
        let cols = vec![
            present(|i| i % 4 == 0),
            present(|i| i % 2 == 1),
            present(|_| true),
        ];
        (Columns { examples: 40, cols }, y)
    }

    #[test]
    fn the_telling_feature_is_chosen_and_separates() {
        let (cols, y) = toy();
        let s = Settings {
            max_terms: 1,
            l1_ratio: 1.0,
            ridge: 0.05,
        };
        let fit = fit(&cols, &y, &s);
        assert_eq!(fit.weights.len(), 1);
        let (j, w) = fit.weights[0];
        assert_eq!(j, 0);
        assert!(w > 2.0, "{w}");
        assert!(sigmoid(fit.bias + w) > 0.8);
        assert!(sigmoid(fit.bias) < 0.2);
    }

    #[test]
    fn valued_features_are_fitted_on_their_values() {
        // Feature 0 is a count's logarithm: ln 6 in the positive
        // examples, ln 2 in half the negative ones; feature 1 is noise.
        let y: Vec<bool> = (0..60).map(|i| i % 3 == 0).collect();
        let count = (0..60)
            .filter_map(|i: u32| match (i % 3 == 0, i % 2 == 0) {
                (true, _) => Some((i, 6f64.ln())),
                (false, true) => Some((i, 2f64.ln())),
                (false, false) => None,
            })
            .collect();
        let noise = (0..60).filter(|i| i % 5 == 0).map(|i| (i, 1.0)).collect();
        let cols = Columns {
            examples: 60,
            cols: vec![count, noise],
        };
        let s = Settings {
            max_terms: 1,
            l1_ratio: 1.0,
            ridge: 0.05,
        };
        let fit = fit(&cols, &y, &s);
        assert_eq!(fit.weights.len(), 1);
        let (j, w) = fit.weights[0];
        assert_eq!(j, 0);
        assert!(sigmoid(fit.bias + w * 6f64.ln()) > 0.9, "{fit:?}");
        assert!(sigmoid(fit.bias + w * 2f64.ln()) < 0.1, "{fit:?}");
    }

    #[test]
    fn no_feature_is_taken_past_the_limit() {
        let (cols, y) = toy();
        let s = Settings {
            max_terms: 0,
            l1_ratio: 0.9,
            ridge: 0.05,
        };
        let fit = fit(&cols, &y, &s);
        assert!(fit.weights.is_empty());
        // The bias alone is the base rate.
        assert!((sigmoid(fit.bias) - 0.25).abs() < 0.02, "{}", fit.bias);
    }
}
