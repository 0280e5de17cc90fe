"""The hash keys of a playground link (TensorFlow Playground's and ours), without imports.

The app opens the playground tab for a link that has no ``tab`` key but some of these (a link
copied from TensorFlow Playground has none), and must know them before the tab (and its heavy
modules) is loaded: so they live here, in a module that imports nothing.
"""

TF_KEYS = frozenset({
    "activation", "batchSize", "dataset", "regDataset", "learningRate", "regularization",
    "regularizationRate", "noise", "networkShape", "seed", "showTestData", "discretize",
    "percTrainData", "x", "y", "xTimesY", "xSquared", "ySquared", "cosX", "sinX", "cosY",
    "sinY", "collectStats", "tutorial", "problem", "initZero", "hideText"})
OUR_KEYS = frozenset({"activations", "dropout", "optimizer", "loss", "momentum", "nesterov",
                      "points", "initializer", "colorBy"})
KEYS = TF_KEYS | OUR_KEYS
