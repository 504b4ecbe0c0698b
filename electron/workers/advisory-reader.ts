// A worker thread that reads the files of an advisories import (services/advisory-reader.ts):
// folders and zips listed, every CSAF advisory and KEV catalog parsed and checked. It writes
// nothing; the data host writes what it answers in one transaction.
import { serveWorker } from './serve';
import { advisoryReadOps } from '../services/advisory-reader';

serveWorker(advisoryReadOps());
