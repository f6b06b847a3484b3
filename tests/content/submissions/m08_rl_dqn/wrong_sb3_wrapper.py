"""Wrong: train hands the work to stable-baselines3's DQN instead of writing it.

Fails: from_scratch
Says: stable_baselines3
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution("m08-rl-dqn", globals())


def train(env, eval_env, config, on_evaluation=None):
    from stable_baselines3 import DQN

    model = DQN("MlpPolicy", env, seed=config.seed)
    model.learn(total_timesteps=config.total_steps)
    return TrainResult(model.q_net.q_net, steps=config.total_steps)  # noqa: F821
