import pytest

from kmzb_qgis_plugin.core import errors


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        (401, errors.AuthExpired),
        (403, errors.Forbidden),
        (404, errors.NotFound),
        (412, errors.PreconditionFailed),
        (422, errors.BadRequest),
        (500, errors.StoreError),
        (503, errors.StoreError),
    ],
)
def test_http_status_maps_to_a_typed_error(status, kind):
    error = errors.from_status(status, b'{"error": {"message": "powod"}}', "http://x/api")
    assert type(error) is kind
    assert error.message and "Traceback" not in error.message
    assert "HTTP" in error.detail


def test_store_message_is_used_and_garbage_is_not():
    assert (
        "Zły kod kategorii"
        in errors.from_status(
            422, '{"error": {"message": "Zły kod kategorii"}}'.encode(), "u"
        ).message
    )
    garbage = errors.from_status(422, b"<html>oops</html>", "u")
    assert "<html>" not in garbage.message


def test_transient_errors_are_marked():
    assert errors.StoreError("x").transient and errors.StoreUnreachable("x").transient
    assert not errors.AuthExpired("x").transient
