from thidua.works import dashboard_views, import_views, review_views, views

app_name = "works"
# Movement-scoped pages live under phong-trao/<movement>/, a single work under <pk>/.
urlpatterns = [
    *views.urlpatterns,
    *import_views.urlpatterns,
    *review_views.urlpatterns,
    *dashboard_views.urlpatterns,
]

# TEMP while the slices land: names not yet defined point to a 404.
from django.http import Http404  # noqa: E402
from django.urls import path  # noqa: E402


def _todo(request, **kwargs):
    raise Http404


_have = {p.name for p in urlpatterns}
for _name, _route in [
    ("reviews", "phong-trao/<int:movement>/so-ket-tong-ket/"),
]:
    if _name not in _have:
        urlpatterns.append(path(_route, _todo, name=_name))
