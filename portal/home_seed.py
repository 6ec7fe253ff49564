"""The home page's default arrangement of blocks (set once; editors' changes are kept)."""

from .blocks import default_home_body


def load(home, stdout):
    if home.body:
        return
    home.body = default_home_body()
    home.save_revision().publish()
    stdout.write("已设置首页默认版块")
