"""System checks of the platform's own (``gongkai check``)."""

from django.core import checks


@checks.register()
def pdf_font(app_configs, **kwargs):
    """Formal notices and reports are PDFs: without their font they would be unreadable."""
    from .pdf import check_font

    return [
        checks.Error(problem, hint="make venv 重新安装依赖。", id="gongkai.E001")
        for problem in check_font()
    ]
