"""One running app per data folder: a second launch wakes the first and exits.

Two windows on the same store would edit the same plans from two processes;
the store would refuse the second save (``conflict``) but the user would not
know why. The key is a hash of the data folder, so two different folders
(``--home``) may still run side by side.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

TIMEOUT_MS = 500
WAKE = b"activate\n"


def server_name(home: Path) -> str:
    digest = hashlib.sha256(str(home.resolve()).encode("utf-8")).hexdigest()[:16]
    user = hashlib.sha256(os.path.expanduser("~").encode("utf-8")).hexdigest()[:6]
    return f"rooting-future-{user}-{digest}"


class SingleInstance(QObject):
    """``claim()`` returns False if another instance runs (and has been asked to come forward)."""

    activated = Signal()

    def __init__(self, home: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(home)
        self._server: QLocalServer | None = None

    def claim(self) -> bool:
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if socket.waitForConnected(TIMEOUT_MS):
            socket.write(WAKE)
            socket.flush()
            socket.waitForBytesWritten(TIMEOUT_MS)
            socket.disconnectFromServer()
            return False
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # A stale socket left by a crash: remove it and listen again.
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                return True  # cannot guard, but never refuse to start
        server.newConnection.connect(self._on_connection)
        self._server = server
        return True

    def _on_connection(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            # The second launch writes as soon as it connects: a short wait, then done.
            ready = socket.bytesAvailable() or socket.waitForReadyRead(TIMEOUT_MS)
            if ready and bytes(socket.readAll().data()).startswith(WAKE.strip()):
                self.activated.emit()
            socket.abort()
            socket.deleteLater()

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
