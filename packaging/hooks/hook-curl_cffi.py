# yfinance downloads through curl_cffi, whose compiled core loads through cffi's backend and
# whose TLS needs a CA bundle (certifi's); neither is found by static analysis alone.
from PyInstaller.utils.hooks import collect_all

datas, binaries, hiddenimports = collect_all("curl_cffi")
hiddenimports += ["_cffi_backend", "certifi"]
