"""The broker's HAL JSON web API (WSGI)."""
