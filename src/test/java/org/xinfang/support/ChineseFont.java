package org.xinfang.support;

import java.io.File;
import java.io.IOException;

/**
 * The Chinese TrueType font official documents embed (the default of {@code xinfang.documents.font}). Like
 * {@link Browser}, it is never downloaded from elsewhere: when the file is missing the test set-up installs
 * the Debian package (as root, or through password-less sudo) and fails with a clear message if it cannot.
 */
public final class ChineseFont {

	public static final String PATH = "/usr/share/fonts/truetype/arphic/uming.ttc";

	private static final String PACKAGE = "fonts-arphic-uming";

	private ChineseFont() {
	}

	public static synchronized void ensureInstalled() {
		if (new File(PATH).canRead()) {
			return;
		}
		boolean root = "root".equals(System.getProperty("user.name"));
		String prefix = root ? "" : "sudo -n ";
		String command = prefix + "apt-get update -qq && " + prefix
				+ "env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq " + PACKAGE;
		try {
			Process process = new ProcessBuilder("bash", "-c", command).inheritIO().start();
			int exit = process.waitFor();
			if (exit != 0 || !new File(PATH).canRead()) {
				throw new IllegalStateException("Document tests need the Chinese font " + PATH + " from Debian's "
						+ PACKAGE + "; installing it failed (exit " + exit + "). Run: apt-get install " + PACKAGE);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not install " + PACKAGE + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}
}
