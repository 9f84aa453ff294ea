"""The pages in a real browser: Debian's headless chromium driven by Selenium through Debian's
chromedriver, against a real ``kg serve`` process. Each test saves a screenshot in its
temporary folder. Skipped, with the reason, where chromium or chromedriver is not installed
(.ci/run installs both)."""

from pathlib import Path

import pytest

from tests.web.conftest import ARTICLE_DATA

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
QUOTE = "He slipped away from the embassy in late November 2023."

pytestmark = pytest.mark.skipif(
    not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
    reason="needs Debian's chromium and chromium-driver (apt install chromium chromium-driver)",
)


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,1000",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def wait_for(browser, css: str, timeout: float = 30):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, timeout).until(
        expected_conditions.visibility_of_element_located((By.CSS_SELECTOR, css))
    )


def screenshot(browser, tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name}.png"
    browser.save_screenshot(str(path))
    assert path.stat().st_size > 10_000
    return path


def policy_violations(browser) -> list[str]:
    return [
        entry["message"]
        for entry in browser.get_log("browser")
        if "Content Security Policy" in entry["message"]
    ]


def test_search_a_name_and_read_the_quotation_on_his_page(browser, served, tmp_path):
    from selenium.webdriver.common.by import By

    browser.get(served + "/")
    screenshot(browser, tmp_path, "home")
    box = browser.find_element(By.CSS_SELECTOR, "main form.search input[name=q]")
    box.send_keys("Ri Il-kyu")
    box.submit()
    wait_for(browser, "ul.hits")
    screenshot(browser, tmp_path, "search")
    browser.find_element(By.CSS_SELECTOR, 'ul.hits a[href="/id/ri-il-kyu"]').click()
    wait_for(browser, "blockquote.quote")
    quotes = [q.text for q in browser.find_elements(By.CSS_SELECTOR, "blockquote.quote")]
    assert any(QUOTE in quote for quote in quotes)
    source = browser.find_element(By.CSS_SELECTOR, "blockquote.quote cite a")
    assert source.get_attribute("href").endswith("/id/source-kei-peninsula-2024-09-03")
    screenshot(browser, tmp_path, "person")
    assert policy_violations(browser) == []


def test_run_a_saved_query_from_its_form(browser, served, tmp_path, kg):
    from selenium.webdriver.common.by import By

    expected = kg("query", "facts-about-person", "--format", "csv").stdout_bytes.decode()
    browser.get(served + "/queries/facts-about-person")
    browser.find_element(By.CSS_SELECTOR, "form.run button[type=submit]").click()
    wait_for(browser, "table.results")
    rows = browser.find_elements(By.CSS_SELECTOR, "table.results tbody tr")
    assert len(rows) == len(expected.strip().splitlines()) - 1
    assert browser.find_element(By.LINK_TEXT, "nk:defection-ri-il-kyu")
    screenshot(browser, tmp_path, "saved-query")


def test_run_a_query_in_yasgui_and_read_the_table(browser, served, tmp_path):
    from selenium.webdriver.common.by import By

    browser.get(served + "/query")
    wait_for(browser, ".yasqe .CodeMirror")
    wait_for(browser, ".yasqe_queryButton").click()
    wait_for(browser, ".yasr table.dataTable tbody tr")
    table = browser.find_element(By.CSS_SELECTOR, ".yasr table.dataTable").text
    assert "Ri Il-kyu" in table and "Robert R. King" in table
    screenshot(browser, tmp_path, "editor")
    assert policy_violations(browser) == []


def test_validate_a_pasted_file_and_read_the_violation(browser, served, tmp_path):
    from selenium.webdriver.common.by import By

    turtle = (ARTICLE_DATA.parent / "new" / "violations.ttl").read_text()
    browser.get(served + "/validate")
    area = browser.find_element(By.CSS_SELECTOR, "textarea[name=turtle]")
    area.send_keys(turtle)
    browser.find_element(By.CSS_SELECTOR, "form.validate button[type=submit]").click()
    wait_for(browser, "section.report")
    findings = [f.text for f in browser.find_elements(By.CSS_SELECTOR, "li.finding.violation")]
    assert any("Refers to nk:ri-il-kyoo, which is not defined in the graph" in f for f in findings)
    assert "4 violations" in browser.find_element(By.CSS_SELECTOR, "p.summary").text
    screenshot(browser, tmp_path, "validate")


def test_open_a_saved_query_in_the_editor_and_run_it(browser, served, tmp_path):
    from selenium.webdriver.common.by import By

    browser.get(served + "/queries/timeline")
    browser.find_element(By.LINK_TEXT, "Open in the editor").click()
    wait_for(browser, ".yasqe .CodeMirror")
    query = browser.execute_script("return window.yasgui.getTab().getQuery()")
    assert query.startswith("#+ summary: Timeline of every dated event")
    wait_for(browser, ".yasqe_queryButton").click()
    wait_for(browser, ".yasr table.dataTable tbody tr")
    assert "Ri Il-kyu's defection" in browser.find_element(By.CSS_SELECTOR, ".yasr table").text
    screenshot(browser, tmp_path, "editor-saved-query")
