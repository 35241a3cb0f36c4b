-- Quartz's job store lives on SQL Server only (sql/sqlserver/0007_quartz.sql); SQLite deployments schedule in memory.
-- This script keeps the two engines' migration numbers in step and changes nothing.
SELECT 1;
