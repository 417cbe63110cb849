{% include "ops/gunicorn.conf.py" %}
