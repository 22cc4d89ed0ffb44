"""Where the study's article stands among the 2018 Arabic coverage of the same actors:
the slice of the ANT archive its query selects, analysed report by report, and compared
outlet by outlet.

Modules:
    report  -- `analyse_member`: one report read, matched against the query, its
               sentences labelled for stance and its attributions traced.
    run     -- `analyse_source`: every report of a source, in this process, in several,
               or on a Dask cluster, as a stream.
"""

from arabic_media.coverage.report import Tools, analyse_member, analyse_text, load_tools
from arabic_media.coverage.run import analyse_source

__all__ = ["Tools", "analyse_member", "analyse_source", "analyse_text", "load_tools"]
