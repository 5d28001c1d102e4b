"""Gazetteer and geocoding: places with Arabic names, matching in text, disambiguation.

Public surface (contract used by the incidents stage):

- ``Place``: one gazetteer entry (key, names, lat/lon, country, admin1/admin2,
  feature, population, geonameid, pcode, source).
- ``Gazetteer``: lookup interface; ``load_gazetteer()`` returns the local
  index under ``$TAWTHIQ_HOME`` when present, else the embedded default.
- ``Geocoder(gazetteer).find_places(text, country_hint=None) ->
  list[PlaceMention]``: place mentions with offsets into the original text,
  the chosen place, precision and the reason it was chosen.
"""

from .gazetteer import Gazetteer, default_gazetteer, load_gazetteer
from .geocoder import Geocoder
from .model import Place, PlaceMention, Source

__all__ = ["Gazetteer", "Geocoder", "Place", "PlaceMention", "Source", "default_gazetteer", "load_gazetteer"]
