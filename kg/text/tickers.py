"""Eastmoney market codes to exchange-prefixed tickers (SH600519, SZ000858, BJ430047, HK00700, US.BABA)."""

from __future__ import annotations

import re

_QUOTE_URL = re.compile(r"quote\.eastmoney\.com/(?:unify/r/)?(\d{1,3})\.([A-Za-z0-9._-]+)")
_STOCK_ID = re.compile(r"^stock_(\d{1,3})\.([A-Za-z0-9._-]+)$")
_DATA_CODE = re.compile(r"^(\d{1,3}),([A-Za-z0-9._-]+)$")
_US_MARKETS = {"105", "106", "107"}


def ticker(market: str, code: str) -> str | None:
    """The ticker for an Eastmoney market number and security code, or None if unknown."""
    code = code.strip().upper()
    if not code:
        return None
    if market == "1":
        return f"SH{code}" if code.isdigit() else None
    if market == "0":
        if not code.isdigit():
            return None
        beijing = code.startswith(("4", "8", "920"))
        return f"{'BJ' if beijing else 'SZ'}{code}"
    if market == "116":
        return f"HK{code.zfill(5)}" if code.isdigit() else None
    if market in _US_MARKETS:
        return f"US.{code}"
    return None


def from_quote_url(url: str) -> str | None:
    """Ticker from a quote link such as quote.eastmoney.com/unify/r/1.600519."""
    m = _QUOTE_URL.search(url or "")
    return ticker(m.group(1), m.group(2)) if m else None


def from_stock_id(value: str) -> str | None:
    """Ticker from an element id such as stock_1.600519."""
    m = _STOCK_ID.match(value or "")
    return ticker(m.group(1), m.group(2)) if m else None


def from_data_code(value: str) -> str | None:
    """Ticker from a data-code attribute such as 1,600519."""
    m = _DATA_CODE.match((value or "").strip())
    return ticker(m.group(1), m.group(2)) if m else None
