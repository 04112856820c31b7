// A product page's photo gallery: a strip of every photo that swipes by CSS scroll snap alone,
// the first photo loaded at once and the others lazily; a product with one photo shows just it.
import { expect, test } from "@playwright/test";
import { openSimulator } from "./support";

test("the mug's page shows its three photos, each sized and described, the later ones lazy", async ({ page }) => {
  const shop = await openSimulator(page);
  await shop.getByRole("link", { name: "Blue Glazed Mug", exact: true }).click();
  const product = shop.getByTestId("product");
  await expect(product.getByRole("heading", { name: "Blue Glazed Mug" })).toBeVisible();

  const gallery = product.getByTestId("gallery");
  await expect(gallery).toHaveAttribute("role", "group");
  await expect(gallery).toHaveAttribute("aria-label", "Photos of Blue Glazed Mug");
  const photos = gallery.getByTestId("gallery-photo");
  await expect(photos).toHaveCount(3);
  for (const [index, photo] of (await photos.all()).entries()) {
    expect(Number(await photo.getAttribute("width"))).toBeGreaterThan(0);
    expect(Number(await photo.getAttribute("height"))).toBeGreaterThan(0);
    expect((await photo.getAttribute("alt"))?.trim()).toBeTruthy();
    if (index === 0) {
      expect(await photo.getAttribute("loading")).not.toBe("lazy");
    } else {
      await expect(photo).toHaveAttribute("loading", "lazy");
    }
  }
  await expect(photos.first()).toHaveAttribute("alt", "Blue Glazed Mug");

  // One photo fills the strip's width and the rest wait beside it, snapping into place.
  const strip = await gallery.evaluate((element) => {
    const first = element.querySelector("img")!.getBoundingClientRect();
    return {
      snap: getComputedStyle(element).scrollSnapType,
      photoWidth: first.width,
      stripWidth: element.clientWidth,
      scrolls: element.scrollWidth > element.clientWidth,
    };
  });
  expect(strip.snap).toBe("x mandatory");
  expect(Math.abs(strip.photoWidth - strip.stripWidth)).toBeLessThanOrEqual(1);
  expect(strip.scrolls).toBe(true);
});

test("a product with one photo shows that photo and no gallery strip", async ({ page }) => {
  const shop = await openSimulator(page);
  await shop.getByRole("link", { name: "Olive Wood Bowl", exact: true }).click();
  const product = shop.getByTestId("product");
  await expect(product.getByRole("heading", { name: "Olive Wood Bowl" })).toBeVisible();
  await expect(product.getByRole("img", { name: "Olive Wood Bowl" })).toBeVisible();
  await expect(product.getByTestId("gallery")).toHaveCount(0);
  await expect(product.getByTestId("gallery-photo")).toHaveCount(0);
});
