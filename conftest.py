import pytest

from thidua.core.testing import World, build_world


@pytest.fixture(autouse=True)
def _plain_static_and_media(settings, tmp_path):
    # Tests need no collectstatic manifest, and uploads go to a throwaway folder.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db) -> World:
    return build_world()
