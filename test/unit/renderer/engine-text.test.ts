import { describe, expect, it } from 'vitest';
import { inLanguage } from './i18n-fixture';

describe("the engine's sentences in the operator's language", () => {
  const id = inLanguage('id').engineText;
  const en = inLanguage('en').engineText;

  it('translates the gate skipping a wave, clause by clause', () => {
    const sentence =
      '4 batches still in the PLC (1 waiting, 3 dosing); waiting for the PLC to finish them. 2 batches finished; waiting for Odoo to accept their consumption';
    expect(id(sentence)).toMatchObject({
      lang: 'id',
      translated: true,
      text: '4 batch masih di PLC (1 menunggu, 3 sedang dosing); menunggu PLC menyelesaikannya. 2 batch selesai; menunggu Odoo membukukan pemakaiannya',
      original: sentence,
    });
  });

  it('translates a fetched wave with an abbreviated MO list', () => {
    expect(id('fetched 10 MOs (WH/MO/1, WH/MO/2, WH/MO/3 and 7 more) into PLC slots 1–10').text).toBe(
      '10 MO diambil (WH/MO/1, WH/MO/2, WH/MO/3 dan 7 lainnya) dan dikirim ke PLC',
    );
    expect(en('fetched 1 MO (WH/MO/1) into PLC slot 1').text).toBe('Fetched 1 MO (WH/MO/1) into the PLC');
  });

  it('keeps brackets together: a "; " inside them does not split the clause', () => {
    const sentence = 'no new MOs in Odoo; Odoo still lists 3 MOs already produced or archived here (A, B, C; close them in Odoo or turn on ODOO_MARK_DONE)';
    const english = en(sentence);
    expect(english.text).toBe('No new MOs in Odoo; Odoo still lists 3 MOs already produced here (A, B, C); close them in Odoo');
    expect(english.text).not.toContain('ODOO_MARK_DONE');
  });

  it('hides PLC memory addresses from the operator', () => {
    expect(en('PLC has not taken the previous wave yet (D7076 = 0; slot 1 holds WH/MO/9)').text).toBe('The PLC has not taken the previous wave yet');
  });

  it('translates the warnings behind the alarms', () => {
    expect(id('slot 3 (WH/MO/7) has not progressed for 16 min').text).toBe('Slot 3 (WH/MO/7) tidak bergerak selama 16 menit');
    expect(id('Odoo still lists 1,234 MOs produced here; close them in Odoo or turn on ODOO_MARK_DONE').text).toBe(
      'Odoo masih mencantumkan 1234 MO yang sudah diproduksi di sini; tutup di Odoo',
    );
  });

  it('leaves a sentence it does not fully know in English, marked as English, never half translated', () => {
    const sentence = 'no new MOs in Odoo; could not dispatch 1: WH/MO/4 has no components';
    expect(id(sentence)).toEqual({ text: sentence, lang: 'en', original: sentence, translated: false });
    expect(en('PLC read-back of slot 3 differs')).toMatchObject({ lang: 'en', translated: false });
  });

  it('says only whose message it is when an unknown sentence speaks in addresses, tables, endpoints or task ids', () => {
    expect(en('PLC handshake D7076 says the WRITE area is busy')).toEqual({
      text: 'A technical message from the PLC link, for the engineer',
      lang: 'en',
      original: 'PLC handshake D7076 says the WRITE area is busy',
      translated: true,
    });
    expect(id('odoo: connect ECONNREFUSED 127.0.0.1:8069').text).toBe('Pesan teknis dari sambungan Odoo, untuk teknisi');
    expect(en('Odoo call update-with-consumptions answered HTTP 500').text).toBe('A technical message from the Odoo link, for the engineer');
    expect(en('insert into mo_histories failed: duplicate key').text).toBe('A technical message from the database, for the engineer');
    expect(en('mo-sync is already running').text).toBe('A technical message from the sync service, for the engineer');
    expect(en('the batch is complete; health is fine')).toMatchObject({ lang: 'en', translated: false });
  });
});
