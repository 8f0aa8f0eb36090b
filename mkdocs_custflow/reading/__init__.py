"""From text to the model: fences in Markdown (``fences``), YAML with its
lines (``located_yaml``), values into the model (``journey_reader``
and the readers it builds on), the catalog file
(``catalog``), filling from the catalog (``resolve``), files as UTF-8
(``sources``)."""
