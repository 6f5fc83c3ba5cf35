import express from 'express';
import { openStore } from './store';

const app = express();
app.use((req, _res, next) => {
  (req as any).store = openStore();
  next();
});
app.get('/count', (req, res) => {
  const store = (req as any).store;
  res.json({ n: store.count() });
  store.close();
});
export default app;
