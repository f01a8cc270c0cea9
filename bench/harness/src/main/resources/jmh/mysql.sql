-- MySQL dump-style header
/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET NAMES utf8mb4 */;

# Inventory tables; counts are kept by triggers
CREATE TABLE `inventory` (
  `id` INT NOT NULL AUTO_INCREMENT,
  `sku` VARCHAR(64) NOT NULL COMMENT 'stock keeping unit; unique',
  `qty` INT NOT NULL DEFAULT 0,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE stock_log (
  sku VARCHAR(64) NOT NULL,
  delta INT NOT NULL,
  note VARCHAR(255) DEFAULT 'it\'s; logged'
);

DELIMITER $$

CREATE DEFINER=`app`@`%` PROCEDURE restock(IN p_sku VARCHAR(64), IN p_qty INT)
BEGIN
  DECLARE v_count INT DEFAULT 0;
  SELECT COUNT(*) INTO v_count FROM inventory WHERE sku = p_sku;
  IF v_count = 0 THEN
    INSERT INTO inventory (sku, qty) VALUES (p_sku, p_qty);
  ELSE
    UPDATE inventory SET qty = qty + p_qty WHERE sku = p_sku;
  END IF;
END$$

CREATE TRIGGER inventory_after_update
AFTER UPDATE ON inventory
FOR EACH ROW
BEGIN
  IF NEW.qty <> OLD.qty THEN
    INSERT INTO stock_log (sku, delta) VALUES (NEW.sku, NEW.qty - OLD.qty);
  END IF;
END$$

DELIMITER ;

INSERT INTO inventory (sku, qty) VALUES ('A-1', 10), ('B;2', 5);

DELIMITER //
CREATE FUNCTION stock_of(p_sku VARCHAR(64)) RETURNS INT
READS SQL DATA
BEGIN
  DECLARE v INT;
  SELECT qty INTO v FROM inventory WHERE sku = p_sku;
  RETURN COALESCE(v, 0);
END //
DELIMITER ;

-- a compound statement without DELIMITER, as some tools write it
CREATE PROCEDURE drain()
BEGIN
  DECLARE done INT DEFAULT 0;
  WHILE done = 0 DO
    DELETE FROM stock_log LIMIT 100;
    IF ROW_COUNT() = 0 THEN SET done = 1; END IF;
  END WHILE;
END;

CALL restock('A-1', 3);
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
