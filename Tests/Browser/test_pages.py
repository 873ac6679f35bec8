#!/usr/bin/env python3
"""The front-desk pages in a real browser (issue 6, Tests that must pass).

Debian's headless `chromium`, driven by `chromium-driver` through Selenium (`python3-selenium`):
signs in, looks up a demo serial and sees its owner, opens a live intake session and watches a
scan, posted by a program with a bearer token as a scanner would send it, appear green on the page
(and a bad one appear red with its reason).

Run by Tests/EndToEndTests/BrowserTests.swift against a `titlehold serve` on the demo ledger:

    /usr/bin/python3 Tests/Browser/test_pages.py --base http://127.0.0.1:PORT \
        --user desk --password '...' --token th_... [--screenshots DIR]

Exits 0 when every check passed; otherwise prints what failed and exits 1 (2: the browser could
not start, with what to install).
"""

import argparse
import json
import os
import shutil
import sys
import tempfile
import urllib.request

try:
    from selenium import webdriver
    from selenium.common.exceptions import TimeoutException, WebDriverException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError as error:  # pragma: no cover - the message is the point
    print(f"selenium is missing ({error}): apt-get install python3-selenium chromium chromium-driver", file=sys.stderr)
    sys.exit(2)

DEMO_SERIAL = "CN0V7R2K"
WAIT = 20  # seconds a page element may take to appear (a condition, not a timed assertion)


def browser(chromium, driver, scratch):
    """Chromium with its profile in `scratch`, and `scratch` as its TMPDIR (where it puts its
    `org.chromium.Chromium.*` socket folder): main() removes the folder once the browser has quit."""
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1000",
                 "--lang=nl-NL", "--no-first-run", "--disable-extensions",
                 "--user-data-dir=" + os.path.join(scratch, "profile")):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"intl.accept_languages": "nl-NL,nl"})
    service = Service(executable_path=driver, env=dict(os.environ, TMPDIR=scratch))
    try:
        return webdriver.Chrome(service=service, options=options)
    except WebDriverException as error:
        print(f"chromium did not start ({error.msg}); install: apt-get install chromium chromium-driver", file=sys.stderr)
        sys.exit(2)


def api(base, token, method, path, body=None):
    request = urllib.request.Request(base + path, method=method, headers={"Authorization": f"Bearer {token}",
                                                                          "Content-Type": "application/json"},
                                     data=None if body is None else json.dumps(body).encode())
    with urllib.request.urlopen(request, timeout=WAIT) as response:
        return response.status, json.loads(response.read() or b"null")


class Checks:
    def __init__(self, driver, shots):
        self.driver, self.shots, self.failures = driver, shots, []

    def check(self, condition, message):
        print(("ok   " if condition else "FAIL ") + message)
        if not condition:
            self.failures.append(message)
        return condition

    def shot(self, name):
        if self.shots:
            os.makedirs(self.shots, exist_ok=True)
            self.driver.save_screenshot(os.path.join(self.shots, name + ".png"))

    def wait(self, condition, what):
        try:
            return WebDriverWait(self.driver, WAIT).until(condition)
        except TimeoutException:
            self.shot("failed-" + what.replace(" ", "-"))
            self.check(False, f"{what} (page {self.driver.current_url}: {self.driver.find_element(By.TAG_NAME, 'body').text[:400]!r})")
            raise


def sign_in(c, base, user, password):
    c.driver.get(base + "/")
    c.wait(EC.url_contains("/login"), "an unsigned browser is sent to the sign-in page")
    c.check("next=" in c.driver.current_url, f"the sign-in page knows where to go back to ({c.driver.current_url})")
    c.driver.find_element(By.NAME, "user").send_keys(user)
    field = c.driver.find_element(By.NAME, "password")
    field.send_keys(password)
    field.submit()
    c.wait(EC.presence_of_element_located((By.ID, "serial")), "signed in, the look-up page opens")


def look_up(c):
    field = c.driver.find_element(By.ID, "serial")
    field.clear()
    field.send_keys(DEMO_SERIAL.lower() + Keys.ENTER)  # typed as a person would, in lower case
    owner = c.wait(EC.presence_of_element_located((By.ID, "owner")), "the look-up shows an owner")
    c.check(owner.get_attribute("data-owner") == "supplier", f"{DEMO_SERIAL} is the supplier's (data-owner={owner.get_attribute('data-owner')})")
    c.check("leverancier" in owner.text.lower() or "supplier" in owner.text.lower(), f"the owner reads as the supplier: {owner.text!r}")
    reasons = c.driver.find_elements(By.CSS_SELECTOR, "#reasons li")
    c.check(len(reasons) > 0, f"the owner comes with its reasons ({len(reasons)})")
    c.check(c.driver.find_element(By.ID, "print-sheet").is_displayed(), "a print button for the warranty sheet")
    c.shot("lookup")


def live_intake(c, base, token):
    c.driver.get(base + "/intake")
    c.wait(EC.presence_of_element_located((By.ID, "open-session")), "the intake page opens")
    c.driver.find_element(By.ID, "client").send_keys("12345678")
    c.driver.find_element(By.ID, "agreement").send_keys("ORD-BROWSER-1")
    c.driver.find_element(By.ID, "start").click()
    c.wait(lambda d: "/intake/" in d.current_url, "opening a session shows its live page")
    session = c.driver.find_element(By.ID, "live").get_attribute("data-session")
    c.wait(lambda d: d.find_element(By.ID, "status").get_attribute("data-connected") == "true",
           "the live page is connected to the session's events")

    # The scanner: a program posting what a scanner read, with its own token.
    status, ack = api(base, token, "POST", f"/api/intake/sessions/{session}/scans", {"text": "BRWSR0001"})
    c.check(status == 200 and ack.get("status") == "accepted", f"the scan is committed ({status} {ack})")
    row = c.wait(EC.presence_of_element_located((By.CSS_SELECTOR, "#scans li.accepted[data-serial='BRWSR0001']")),
                 "the accepted scan appears on the page")
    colour = row.value_of_css_property("background-color")
    c.check(colour in ("rgba(228, 245, 233, 1)", "rgb(228, 245, 233)"), f"an accepted scan is green ({colour})")
    c.wait(lambda d: d.find_element(By.ID, "total").text == "1", "the count of accepted items is 1")

    status, ack = api(base, token, "POST", f"/api/intake/sessions/{session}/scans", {"text": "(01)08712345000029"})
    c.check(ack.get("status") == "rejected", f"a barcode with a wrong check digit is refused ({ack})")
    bad = c.wait(EC.presence_of_element_located((By.CSS_SELECTOR, "#scans li.rejected")), "the refused scan appears")
    colour = bad.value_of_css_property("background-color")
    c.check(colour in ("rgba(251, 231, 230, 1)", "rgb(251, 231, 230)"), f"a refused scan is red ({colour})")
    c.check(ack.get("message", "") in bad.text, f"the refusal shows its reason ({bad.text!r})")
    c.check(c.driver.find_element(By.ID, "total").text == "1", "a refused scan does not count")
    c.shot("intake-live")
    api(base, token, "DELETE", f"/api/intake/sessions/{session}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    parser.add_argument("--driver", default=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    parser.add_argument("--screenshots")
    args = parser.parse_args()
    for path, package in ((args.chromium, "chromium"), (args.driver, "chromium-driver")):
        if not os.access(path, os.X_OK):
            print(f"{path} is missing: apt-get install {package}", file=sys.stderr)
            return 2
    scratch = tempfile.mkdtemp(prefix="titlehold-browser-")
    try:
        driver = browser(args.chromium, args.driver, scratch)
        c = Checks(driver, args.screenshots)
        try:
            sign_in(c, args.base, args.user, args.password)
            look_up(c)
            live_intake(c, args.base, args.token)
        except TimeoutException:
            pass
        finally:
            driver.quit()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print("browser checks passed" if not c.failures else "browser checks failed: " + "; ".join(c.failures))
    return 1 if c.failures else 0


if __name__ == "__main__":
    sys.exit(main())
