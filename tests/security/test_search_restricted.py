"""Finding 6 of the security test: site search showed text of private documents. A .docx in a login-restricted
collection was indexed and its text (identity and bank numbers) shown as a snippet to anonymous searchers."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from search.engine import run_search
from tests.test_search_documents import docx_bytes

pytestmark = pytest.mark.django_db
SECRET = "内部名册：张三，身份证号码350582196505051233，银行账号6222020200012345678"


def document_in(collection, title):
    return get_document_model().objects.create(
        title=title, collection=collection, file=ContentFile(docx_bytes(SECRET), name="roster.docx")
    )


@pytest.fixture
def restricted(home):
    root = Collection.get_first_root_node()
    closed = root.add_child(name="内部材料")
    CollectionViewRestriction.objects.create(collection=closed, restriction_type=CollectionViewRestriction.LOGIN)
    return closed


def test_a_document_of_a_restricted_collection_is_never_a_search_result(client, restricted):
    document_in(restricted, "内部花名册")
    inner = restricted.add_child(name="内部材料·子目录")
    document_in(inner, "子目录花名册")
    titles = {hit.title for hit in run_search("内部名册", kind="document").hits}
    assert titles.isdisjoint({"内部花名册", "子目录花名册"})
    page = client.get("/search/", {"q": "内部名册"}).content.decode()
    assert "350582196505051233" not in page and "内部花名册" not in page and "子目录花名册" not in page


def test_a_public_document_still_is(home):
    document_in(Collection.get_first_root_node(), "公开名册")
    assert "公开名册" in {hit.title for hit in run_search("内部名册", kind="document").hits}
