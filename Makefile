# Two commands: `make run` serves the portal with the seed content; `make test` runs every check.
PORT ?= 8000
HOST ?= 127.0.0.1
WORKERS ?= 3
UV := $(shell command -v uv 2>/dev/null || echo "python3 -m uv")
MANAGE := $(UV) run --frozen python manage.py

.PHONY: install run test lint check system-packages encryption-key bench clean

install:
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	$(UV) sync --frozen

# A local environment file for the demo: a fresh secret key, demo mode, plain HTTP.
var/env:
	@mkdir -p var
	@python3 -c "import secrets; print('SECRET_KEY=' + secrets.token_urlsafe(50))" > var/env
	@printf 'DEMO_MODE=true\nHTTPS_ONLY=false\nALLOWED_HOSTS=127.0.0.1,localhost\nSITE_BASE_URL=http://$(HOST):$(PORT)\nTRUSTED_PROXY_HOPS=0\n' >> var/env
	@echo "已生成本地演示配置 var/env（含随机 SECRET_KEY）"

# The key that encrypts personal data, added to a var/env that lacks one (also one written before it existed).
encryption-key: var/env
	@# A demo database from before then was encrypted with keys derived from SECRET_KEY: keep reading it.
	@grep -q '^FIELD_ENCRYPTION_KEYS=' var/env || { \
	  if [ -f var/portal.sqlite3 ]; then sed -n 's/^SECRET_KEY=/FIELD_ENCRYPTION_LEGACY_SALTS=/p' var/env >> var/env; fi; \
	  python3 -c "import base64, os; print('FIELD_ENCRYPTION_KEYS=' + base64.urlsafe_b64encode(os.urandom(32)).decode())" >> var/env; \
	  echo "已在 var/env 中生成个人信息加密密钥 FIELD_ENCRYPTION_KEYS"; }

run: install system-packages encryption-key
	$(MANAGE) migrate --noinput
	$(MANAGE) load_seed_content
	$(MANAGE) collectstatic --noinput --verbosity 0
	@echo "门户已启动：http://$(HOST):$(PORT)/   管理后台：http://$(HOST):$(PORT)/admin/"
	@# The background worker sends the queued e-mails (and retries them); it stops with the server.
	@$(MANAGE) db_worker --backend background --queue-name '*' --no-reload & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(UV) run --frozen gunicorn portal.wsgi:application --bind $(HOST):$(PORT) --workers $(WORKERS) --access-logfile -

# System packages: Debian's Chromium and a CJK font for the browser tests, flite for the audio captcha.
SYSTEM_PACKAGES := chromium fonts-wqy-microhei flite
system-packages:
	@if [ ! -x /usr/bin/chromium ] || ! command -v flite >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi wenquanyi; then \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null; \
	  else echo "提示：请以 root 安装系统软件包：apt-get install -y $(SYSTEM_PACKAGES)"; fi; \
	fi

lint: install
	$(UV) run --frozen ruff format --check .
	$(UV) run --frozen ruff check .
	$(UV) run --frozen lint-imports --no-cache

check: install
	SECRET_KEY=check-only $(MANAGE) check --fail-level WARNING
	SECRET_KEY=check-only $(MANAGE) makemigrations --check --dry-run

test: install system-packages lint check
	$(UV) run --frozen pytest -n 2 --dist worksteal $(PYTEST_ARGS)

bench: install
	$(UV) run --frozen python -m bench

clean:
	rm -rf .venv var/static
