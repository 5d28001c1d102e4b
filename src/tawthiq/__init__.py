"""tawthiq: Arabic conflict reports to evidence-linked incident records.

The data flows through one package per stage::

    text  ->  mentions  ->  incidents  ->  store  ->  web / export
    (tawthiq.text) (tawthiq.mentions, tawthiq.gazetteer) (tawthiq.incidents)
    (tawthiq.store) (tawthiq.web) (tawthiq.batch for Spark)
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
