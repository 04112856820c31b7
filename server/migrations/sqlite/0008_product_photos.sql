-- Product photos after the main one, for the gallery on a product's page. The main photo
-- stays in products (photo_url, photo_width, photo_height), so a product without rows here
-- shows that one photo as before and existing rows need no rewrite. Kept in step with
-- ../postgres/0008_product_photos.sql.

CREATE TABLE product_photos (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    product_id BIGINT  NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    position   BIGINT  NOT NULL DEFAULT 0,          -- order in the gallery, after the main photo
    url        TEXT    NOT NULL,                    -- path under public/, e.g. /products/x-2.svg
    width      BIGINT  NOT NULL CHECK (width > 0),  -- intrinsic size in pixels, so the page
    height     BIGINT  NOT NULL CHECK (height > 0), -- reserves the space before it loads
    alt        TEXT    NOT NULL DEFAULT ''          -- what it shows; '' = "<product> (photo N)"
);
CREATE INDEX product_photos_by_product ON product_photos (product_id, position);
