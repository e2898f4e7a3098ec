package dev.policypulse.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder on a loopback port that can be shut and opened again: while shut,
 * nothing listens on the port and the connections that went through are cut, as when the
 * server behind it is down.
 */
final class TcpGate implements AutoCloseable {

	private final int port;

	private final int targetPort;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private volatile ServerSocket server;

	private TcpGate(int port, int targetPort) {
		this.port = port;
		this.targetPort = targetPort;
	}

	/** Forwards {@code port} to {@code targetPort}, both on 127.0.0.1. */
	static TcpGate open(int port, int targetPort) {
		TcpGate gate = new TcpGate(port, targetPort);
		gate.open();
		return gate;
	}

	int port() {
		return this.port;
	}

	/** Listens again (after {@link #shut()}). */
	synchronized void open() {
		if (this.server != null) {
			return;
		}
		try {
			ServerSocket listening = new ServerSocket();
			listening.setReuseAddress(true);
			listening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port));
			this.server = listening;
			daemon("tcp-gate-accept-" + this.port, () -> accept(listening));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not listen on port " + this.port, ex);
		}
	}

	/** Stops listening and cuts every connection that went through. */
	synchronized void shut() {
		ServerSocket listening = this.server;
		this.server = null;
		closeQuietly(listening);
		for (Socket socket : this.sockets) {
			closeQuietly(socket);
		}
		this.sockets.clear();
	}

	private void accept(ServerSocket listening) {
		while (!listening.isClosed()) {
			try {
				Socket client = listening.accept();
				Socket target;
				try {
					target = new Socket(InetAddress.getLoopbackAddress(), this.targetPort);
				}
				catch (IOException ex) {
					closeQuietly(client);
					continue;
				}
				this.sockets.add(client);
				this.sockets.add(target);
				daemon("tcp-gate-up", () -> pump(client, target));
				daemon("tcp-gate-down", () -> pump(target, client));
			}
			catch (IOException ex) {
				// closed by shut()
			}
		}
	}

	private void pump(Socket from, Socket to) {
		byte[] buffer = new byte[8192];
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			int read;
			while ((read = in.read(buffer)) != -1) {
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (IOException ex) {
			// one side closed or cut
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
			this.sockets.remove(from);
			this.sockets.remove(to);
		}
	}

	private static void daemon(String name, Runnable task) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		thread.start();
	}

	private static void closeQuietly(AutoCloseable closeable) {
		if (closeable == null) {
			return;
		}
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// already closed
		}
	}

	@Override
	public void close() {
		shut();
	}

}
