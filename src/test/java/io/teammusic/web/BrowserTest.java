package io.teammusic.web;

import io.teammusic.testing.ServerTest;
import io.teammusic.testing.SystemTools;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Base for tests that use the web app in headless Chromium against the real server. One browser per test class
 * (starting one costs a second or two); each test logs in afresh. Screenshots go to {@code target/screenshots/},
 * which CI keeps, so a person can look at the screens.
 */
abstract class BrowserTest extends ServerTest {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Duration WAIT = Duration.ofSeconds(20);

    static ChromeDriver driver;
    private static Path profile;

    @BeforeAll
    static void startBrowser() throws IOException {
        String chromedriver = SystemTools.require("chromedriver", "chromium-driver");
        String chromium = SystemTools.require("chromium", "chromium");
        profile = Files.createTempDirectory("teammusic-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=1440,900", "--lang=en-US",
                // Playback starts from test clicks, but a reload must be able to resume without a gesture too.
                "--autoplay-policy=no-user-gesture-required", "--mute-audio");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver)).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(WAIT);
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    /**
     * No script error may pass unnoticed: the app shows failures to the user in words, so an uncaught exception in
     * the console is a bug even when the screen looks right. (Failed requests are logged too; those are expected.)
     */
    @AfterEach
    void noScriptErrors() {
        if (driver == null) {
            return;
        }
        List<String> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(m -> !m.contains("Failed to load resource"))
                .toList();
        org.assertj.core.api.Assertions.assertThat(errors).as("script errors in the browser console").isEmpty();
    }

    String base() {
        return "http://localhost:" + port;
    }

    void open(String path) {
        driver.get(base() + path);
    }

    /** Logs in through the login form, starting from a browser that remembers no session. */
    void loginAs(String username, String password) {
        open("/login");
        js("localStorage.removeItem('tm.session')");
        driver.navigate().refresh();
        WebElement form = waitFor(d -> d.findElement(By.cssSelector("form.login-card")));
        form.findElement(By.name("username")).sendKeys(username);
        form.findElement(By.name("password")).sendKeys(password);
        form.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(d -> d.findElement(By.cssSelector("[data-testid=username]")).getText().equals(username));
    }

    void logout() {
        driver.findElement(By.cssSelector("button[aria-label='Log out']")).click();
        waitFor(d -> d.findElement(By.cssSelector("form.login-card")));
    }

    <T> T waitFor(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).ignoring(org.openqa.selenium.NoSuchElementException.class)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    double jsNumber(String script, Object... args) {
        return ((Number) js(script, args)).doubleValue();
    }

    WebElement find(String css) {
        return waitFor(d -> d.findElement(By.cssSelector(css)));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Whether a notice on screen says {@code text} (notices fade in, so ask until it is readable). */
    boolean toastSays(String text) {
        return all(".toast").stream().anyMatch(t -> t.getText().contains(text));
    }

    /**
     * Clicks after dismissing any notice: a toast from the previous action can sit over the control for a few
     * seconds, and on a fast machine the next click lands on it.
     */
    void clickPastNotices(String css) {
        for (WebElement dismiss : driver.findElements(By.cssSelector("button[aria-label='Dismiss']"))) {
            try {
                dismiss.click();
            } catch (org.openqa.selenium.WebDriverException e) {
                // Already gone or being animated away: nothing to dismiss.
            }
        }
        waitFor(d -> {
            try {
                return d.findElements(By.cssSelector("button[aria-label='Dismiss']")).stream()
                        .noneMatch(WebElement::isDisplayed);
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return false;
            }
        });
        find(css).click();
    }

    /** Clicks a link or button of the app's navigation (the sidebar). */
    void nav(String label) {
        find(".sidebar a[href='/" + label.toLowerCase() + "']").click();
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            // Let transitions and lazy covers settle, so the picture shows the screen as a person sees it.
            Thread.sleep(400);
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void emulateColorScheme(String scheme) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia",
                java.util.Map.of("features",
                        List.of(java.util.Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    void windowSize(int width, int height) {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
    }
}
