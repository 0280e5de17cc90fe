"""NN Lab's Panel front end: views over :mod:`pycore`, runnable by panel serve and in Pyodide."""
