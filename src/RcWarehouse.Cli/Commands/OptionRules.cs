using System.CommandLine;
using System.Globalization;

namespace RcWarehouse.Cli.Commands;

/// <summary>Range checks on numeric options, so an out-of-range value is a parse error (exit 2) naming the option.</summary>
public static class OptionRules
{
    public static Option<int> Between(this Option<int> option, int min, int max)
    {
        option.Validators.Add(result =>
        {
            // A value that is not a number at all is the parser's own error; only numbers are range-checked here.
            if (result.Tokens.Count > 0 && !int.TryParse(result.Tokens[^1].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            {
                return;
            }

            var value = result.GetValueOrDefault<int>();
            if (value < min || value > max)
            {
                result.AddError(max == int.MaxValue
                    ? string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be {min} or more, not {value}")
                    : string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be between {min} and {max}, not {value}"));
            }
        });
        return option;
    }

    public static Option<double> Between(this Option<double> option, double min, double max)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && !double.TryParse(result.Tokens[^1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                return;
            }

            var value = result.GetValueOrDefault<double>();
            if (double.IsNaN(value) || value < min || value > max)
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be between {min} and {max}, not {value}"));
            }
        });
        return option;
    }

    /// <summary>The option's value must be a UTC date or date-time (<see cref="CommandValues.ParseUtc"/>), checked when the line is parsed.</summary>
    public static TOption UtcDate<TOption>(this TOption option)
        where TOption : Option
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && result.Tokens[^1].Value is var text && !CommandValues.TryParseUtc(text, out _))
            {
                result.AddError(CommandValues.InvalidUtc(option.Name, text));
            }
        });
        return option;
    }
}
