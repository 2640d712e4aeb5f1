"""The HTML report in a real browser: headless Chromium from Debian, driven by Selenium.

One browser session serves the whole module. Screenshots are written under pytest's temporary directory
(``report-screenshots*``); ``UNSPUN_UPDATE_SCREENSHOT=1`` also refreshes docs/report-screenshot.png.
Without Chromium these tests fail and say how to install it (``make browser``); set
``UNSPUN_SKIP_BROWSER=1`` to skip them on purpose.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from report_fixtures import FIXED_TAXONOMY, HOSTILE_TITLE, REPO

from unspun.present.report import definitions, render

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--window-size=1280,1000",
)
TRANSPARENT = "rgba(0, 0, 0, 0)"


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    if os.environ.get("UNSPUN_SKIP_BROWSER") == "1":
        pytest.skip("UNSPUN_SKIP_BROWSER=1: browser tests skipped on purpose")
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.fail("headless Chromium is not installed: run `make browser` (it installs Debian's chromium and "
                    "chromium-driver), or set UNSPUN_SKIP_BROWSER=1 to skip the browser tests", pytrace=False)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    # An explicit driver path: Selenium Manager never runs, so nothing is downloaded.
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory, seed_doc, hostile_doc) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("report-pages")
    urls = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(definitions, "_taxonomy", lambda: FIXED_TAXONOMY)
        for name, doc in (("seed", seed_doc), ("hostile", hostile_doc)):
            path = folder / f"{name}.html"
            path.write_text(render(doc, "html"), encoding="utf-8")
            urls[name] = path.as_uri()
    return urls


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("report-screenshots")


def _open(driver, url: str) -> None:
    driver.get("about:blank")
    driver.get_log("browser")  # drop anything logged so far
    driver.get_log("performance")
    driver.get(url)


def _css(driver, element, prop: str) -> str:
    return driver.execute_script("return getComputedStyle(arguments[0])[arguments[1]]", element, prop)


def test_highlights_exist(browser, pages, shots) -> None:
    from selenium.webdriver.common.by import By

    _open(browser, pages["seed"])
    techniques = browser.find_elements(By.CSS_SELECTOR, "#body-text .mk.tech")
    assert len(techniques) >= 9
    assert _css(browser, techniques[0], "backgroundColor") != TRANSPARENT
    assert _css(browser, techniques[0], "backgroundImage").startswith("repeating-linear-gradient")  # not colour only
    chips = browser.find_elements(By.CSS_SELECTOR, "#body-text .chip.tech")
    assert chips and all(chip.is_displayed() for chip in chips)
    assert {c.text for c in chips} >= {"Loaded language", "Casting doubt"}
    badges = browser.find_elements(By.CSS_SELECTOR, "#body-text .badge.quote")
    assert "Jen Psaki" in {b.text for b in badges}
    claim = browser.find_element(By.CSS_SELECTOR, "#body-text .mk.claim.ct-numeric")
    fragments = browser.find_elements(By.CSS_SELECTOR, f"[data-m='{claim.get_attribute('data-m')}']")
    assert "".join(f.text for f in fragments) == "At least 164 Kazakhs have been killed"  # cut by the entity
    assert _css(browser, claim, "textDecorationLine") == "underline"
    browser.find_element(By.ID, "article").location_once_scrolled_into_view  # noqa: B018
    browser.save_screenshot(str(shots / "seed-article.png"))
    if os.environ.get("UNSPUN_UPDATE_SCREENSHOT") == "1":
        shutil.copyfile(shots / "seed-article.png", REPO / "docs" / "report-screenshot.png")


def test_filters_toggle_highlights_by_mouse_and_keyboard(browser, pages, shots) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    _open(browser, pages["seed"])
    chip = browser.find_element(By.XPATH, "//*[@id='body-text']//span[contains(@class,'chip')][.='Loaded language']")
    category = chip.get_attribute("data-c")
    marks = browser.find_elements(By.CSS_SELECTOR, f"#body-text .mk.tech[data-c='{category}']")
    box = browser.find_element(By.CSS_SELECTOR, f"input[data-filter='cat'][value='{category}']")
    box.click()
    assert not box.is_selected()
    assert all(_css(browser, m, "backgroundColor") == TRANSPARENT for m in marks)
    assert not chip.is_displayed()
    browser.save_screenshot(str(shots / "seed-filter-off.png"))
    # Back on from the keyboard: Tab from the previous control, then Space.
    boxes = browser.find_elements(By.CSS_SELECTOR, "input[data-filter]")
    index = boxes.index(box)
    if index == 0:
        browser.execute_script("document.querySelector('#legend .note').setAttribute('tabindex','-1');"
                               "document.querySelector('#legend .note').focus()")
    else:
        browser.execute_script("arguments[0].focus()", boxes[index - 1])
    ActionChains(browser).send_keys(Keys.TAB).perform()
    assert browser.switch_to.active_element == box
    ActionChains(browser).send_keys(Keys.SPACE).perform()
    assert box.is_selected()
    assert all(_css(browser, m, "backgroundColor") != TRANSPARENT for m in marks)
    assert chip.is_displayed()
    # Other kinds: quotes off with the keyboard hides the speaker badges.
    quotes = browser.find_element(By.CSS_SELECTOR, "input[data-filter='kind'][value='quote']")
    quotes.send_keys(Keys.SPACE)
    assert "hide-quote" in browser.find_element(By.ID, "main").get_attribute("class")
    assert not browser.find_element(By.CSS_SELECTOR, "#body-text .badge.quote").is_displayed()
    # One technique off hides it even though its category stays on.
    name_calling = browser.find_element(
        By.XPATH, "//label[.//span[.='Name calling or labeling']]/input[@data-filter='tech']")
    name_calling.click()
    tech_id = name_calling.get_attribute("value")
    hidden = browser.find_elements(By.CSS_SELECTOR, f"#body-text .mk.tech[data-t='{tech_id}']")
    assert hidden and all("off" in m.get_attribute("class") for m in hidden)


def test_paragraph_panel_opens(browser, pages, shots) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    _open(browser, pages["seed"])
    button = browser.find_element(By.CSS_SELECTOR, "#p2 button.ptoggle")
    panel = browser.find_element(By.ID, button.get_attribute("aria-controls"))
    assert not panel.is_displayed() and button.get_attribute("aria-expanded") == "false"
    button.click()
    assert panel.is_displayed() and button.get_attribute("aria-expanded") == "true"
    assert "Casting doubt" in panel.text and "confidence moderate (0.64; threshold 0.30)" in panel.text
    assert "Questioning credibility" in panel.text  # the definition
    browser.save_screenshot(str(shots / "seed-panel.png"))
    other = browser.find_element(By.CSS_SELECTOR, "#p4 button.ptoggle")
    other.send_keys(Keys.ENTER)
    assert browser.find_element(By.ID, "panel-4").is_displayed()
    button.send_keys(Keys.SPACE)
    assert not panel.is_displayed()


def test_actor_details_on_focus(browser, pages) -> None:
    from selenium.webdriver.common.by import By

    _open(browser, pages["seed"])
    actor = browser.find_element(By.XPATH, "//*[@id='body-text']//span[contains(@class,'actor')][@tabindex='0']"
                                           "[.='Jen Psaki']")
    browser.execute_script("arguments[0].focus()", actor)
    inspector = browser.find_element(By.ID, "inspector")
    assert inspector.is_displayed()
    assert "White House spokeswoman" in inspector.text and "Entity: PERSON" in inspector.text


def test_page_makes_no_network_requests(browser, pages) -> None:
    from selenium.webdriver.common.by import By

    _open(browser, pages["seed"])
    browser.find_element(By.CSS_SELECTOR, "#p1 button.ptoggle").click()  # exercise the script too
    resources = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert resources == []
    requested = []
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            requested.append(message["params"]["request"]["url"])
    assert requested == [pages["seed"]], requested  # the page itself, nothing else


def test_print_css_shows_panels_and_hides_controls(browser, pages, shots) -> None:
    from selenium.webdriver.common.by import By

    _open(browser, pages["seed"])
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert browser.find_element(By.ID, "panel-1").is_displayed()
        assert not browser.find_element(By.ID, "legend").is_displayed()
        assert not browser.find_element(By.CSS_SELECTOR, "button.ptoggle").is_displayed()
        browser.save_screenshot(str(shots / "seed-print.png"))
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_hostile_input_does_not_run(browser, pages, shots, hostile_doc) -> None:
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    _open(browser, pages["hostile"])
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018
    assert browser.execute_script("return window.__pwned === undefined")
    for toggle in browser.find_elements(By.CSS_SELECTOR, "button.ptoggle"):
        toggle.click()  # open every panel: their content is hostile too
    errors = [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]
    assert errors == []
    assert browser.title == f"unspun report: {HOSTILE_TITLE}"
    assert browser.find_element(By.TAG_NAME, "h1").text == HOSTILE_TITLE
    article = browser.find_element(By.ID, "body-text")
    assert article.is_displayed()  # the injected </style><style>body{display:none} did not apply
    text = article.text
    assert "<script>window.__pwned=3;alert(1)</script>" in text
    assert '<img src=x onerror="window.__pwned=4">' in text
    assert "</style><style>body{display:none}</style>" in text
    assert browser.find_elements(By.CSS_SELECTOR, "img, iframe, object, embed") == []
    assert len(browser.find_elements(By.CSS_SELECTOR, "script")) == 2
    browser.save_screenshot(str(shots / "hostile.png"))
    assert browser.execute_script("return window.__pwned === undefined")
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018
