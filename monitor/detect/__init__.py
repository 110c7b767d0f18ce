"""Detection stage: gazetteer, lexicons, watchlist rules, incident extraction (pure).

    det = Detector.load(Path("config/watchlists"))
    detections = det.detect(item)          # one Detection per watchlist, file order
    print(render_explanation(det.explain(item)))
"""

from monitor.detect.detector import Analysis, Detector
from monitor.detect.explain import Explanation, render_explanation

__all__ = ["Analysis", "Detector", "Explanation", "render_explanation"]
