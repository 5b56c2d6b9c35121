package org.xinfang.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven through Debian's chromedriver, for tests that use the real pages. The
 * browser is never downloaded: when {@code /usr/bin/chromium} is missing the test set-up installs the
 * Debian packages (as root, or through password-less sudo) and fails with a clear message if it cannot.
 */
public final class Browser implements AutoCloseable {

	private static final String CHROMIUM = "/usr/bin/chromium";

	private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

	private final ChromeDriver driver;

	private final String baseUrl;

	private final Path userData;

	private Browser(String baseUrl, String language) throws IOException {
		ensureInstalled();
		this.baseUrl = baseUrl;
		this.userData = Files.createTempDirectory("xinfang-chromium");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--window-size=1280,900", "--lang=" + language,
				"--user-data-dir=" + userData.toAbsolutePath());
		options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(CHROMEDRIVER))
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
	}

	/** A fresh browser (own profile, no cookies) speaking zh-CN. */
	public static Browser open(int port) {
		return open(port, "zh-CN");
	}

	public static Browser open(int port, String language) {
		try {
			return new Browser("http://localhost:" + port, language);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public WebDriver driver() {
		return driver;
	}

	public Browser go(String path) {
		driver.get(baseUrl + path);
		return this;
	}

	public WebElement find(String css) {
		return waitUntil(d -> d.findElement(By.cssSelector(css)));
	}

	public List<WebElement> findAll(String css) {
		return driver.findElements(By.cssSelector(css));
	}

	public Browser type(String css, String text) {
		WebElement field = find(css);
		field.clear();
		field.sendKeys(text);
		return this;
	}

	public Browser click(String css) {
		find(css).click();
		return this;
	}

	public String text() {
		return waitUntil(d -> d.findElement(By.tagName("body")).getText());
	}

	public String path() {
		return java.net.URI.create(driver.getCurrentUrl()).getPath();
	}

	public <T> T waitUntil(java.util.function.Function<WebDriver, T> condition) {
		// a page being replaced by the next one turns elements stale mid-check: look again
		return new WebDriverWait(driver, Duration.ofSeconds(10))
			.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
			.until(condition);
	}

	public Browser waitForText(String text) {
		waitUntil(d -> d.findElement(By.tagName("body")).getText().contains(text) ? Boolean.TRUE : null);
		return this;
	}

	/** Signs a staff member in through the real login form. */
	public Browser signIn(String username, String password) {
		go("/login").type("#username", username).type("#password", password).click("button[type=submit]");
		waitUntil(d -> !path().equals("/login") || text().contains("错误") ? Boolean.TRUE : null);
		return this;
	}

	/** Saves a PNG under target/screenshots for a person to look at. */
	public Path screenshot(String name) {
		try {
			Path dir = Path.of("target", "screenshots");
			Files.createDirectories(dir);
			Path file = dir.resolve(name + ".png");
			Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
			return file;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		driver.quit();
		try (var files = Files.walk(userData)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
		catch (IOException ignored) {
			// a temporary profile left behind is harmless
		}
	}

	private static synchronized void ensureInstalled() {
		if (new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute()) {
			return;
		}
		boolean root = "root".equals(System.getProperty("user.name"));
		String prefix = root ? "" : "sudo -n ";
		String command = prefix + "apt-get update -qq && " + prefix
				+ "env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver";
		try {
			Process process = new ProcessBuilder("bash", "-c", command).inheritIO().start();
			int exit = process.waitFor();
			if (exit != 0 || !new File(CHROMEDRIVER).canExecute()) {
				throw new IllegalStateException("Browser tests need Debian's chromium and chromium-driver; "
						+ "installing them failed (exit " + exit + "). Run: apt-get install chromium chromium-driver");
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not install chromium: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}
}
